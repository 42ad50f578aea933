using System.ComponentModel;

namespace MicroEvents.Drops;

/// <summary>
/// How a drop treats custodial (email + ephemeral key) claims: how long an unconfirmed claim waits for
/// its mailed code, and what happens to its token if the code never comes.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CustodyRules(
    [property: Id(0), Description("Hours an unconfirmed custodial claim waits for its mailed code (1–168); none: the silo's Claims:EscrowHours (24 by default).")] int? EscrowHours = null,
    [property: Id(1), Description("keep (the token stays in custody) or release (it goes back to the drop for the next claimant) when escrow ends unconfirmed.")] string? UnconfirmedPolicy = null)
{
    public const int MaxEscrowHours = 7 * 24;
    public const string Keep = "keep";
    public const string Release = "release";

    public static IReadOnlyList<string> Policies { get; } = [Keep, Release];

    /// <summary>The policy as stored: <c>keep</c> unless the manifest asked for <c>release</c>.</summary>
    public static string PolicyOf(CustodyRules? rules) => rules?.UnconfirmedPolicy ?? Keep;
}
