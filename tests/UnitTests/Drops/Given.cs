using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

/// <summary>Fixed instants: the drop is created before the show and claimed during it.</summary>
internal static class At
{
    public static readonly DateTimeOffset Created = new(2025, 6, 21, 17, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Opened = new(2025, 6, 21, 17, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset WindowStarts = new(2025, 6, 21, 18, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Claiming = new(2025, 6, 21, 18, 45, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset WindowEnds = new(2025, 6, 21, 20, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = new(2025, 6, 21, 21, 0, 0, TimeSpan.Zero);
}

/// <summary>EIP-55 reference addresses (checksummed), and as many distinct all-lower-case wallets as a test needs.</summary>
internal static class Wallet
{
    public const string Alice = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    public const string Bob = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359";
    public const string Carol = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
    public const string Dave = "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb";

    public static string Numbered(int n) => $"0x{n:x40}";
}

/// <summary>Drops in a given phase, built by running the real decisions and folding their events.</summary>
internal static class Given
{
    public static CreateDrop Manifest { get; } = new(
        Id: "summer-jam",
        Title: "Summer Jam",
        Creator: Wallet.Alice,
        Supply: 10,
        PerWalletLimit: 1,
        StartsAt: null,
        EndsAt: null,
        Tiers: [],
        Assets: [new("https://cdn.example.com/summer-jam/poster.png", new string('a', 64), "image/png")]);

    public static DropState Draft(CreateDrop? manifest = null) =>
        DropState.Initial.After(DropDecisions.Create(DropState.Initial, manifest ?? Manifest, At.Created));

    public static DropState Open(CreateDrop? manifest = null)
    {
        var draft = Draft(manifest);
        return draft.After(DropDecisions.Open(draft, At.Opened));
    }

    public static DropState Paused(CreateDrop? manifest = null)
    {
        var open = Open(manifest);
        return open.After(DropDecisions.Pause(open, At.Claiming));
    }

    public static DropState Closed(CreateDrop? manifest = null)
    {
        var open = Open(manifest);
        return open.After(DropDecisions.Close(open, At.Later));
    }

    public static DropState After<TResult>(this DropState state, Decision<TResult, DropEvent> decision) =>
        decision.Events.Aggregate(state, (s, e) => s.Apply(e));

    public static Decision<ClaimOutcome, DropEvent> Claim(this DropState state, string claimId, string wallet, string? tier = null, DateTimeOffset? at = null) =>
        DropDecisions.Claim(state, new ClaimToken(claimId, wallet, tier), at ?? At.Claiming);

    /// <summary>The state after a claim that is expected to succeed.</summary>
    public static DropState Claimed(this DropState state, string claimId, string wallet, string? tier = null, DateTimeOffset? at = null) =>
        state.After(state.Claim(claimId, wallet, tier, at));
}

internal static class Rejection
{
    /// <summary>The rejection the action throws; fails the test if it throws nothing or something else.</summary>
    public static Rejected Of(Action act) => act.Should().Throw<Rejected>().Which;
}
