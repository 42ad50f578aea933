using System.Text.RegularExpressions;
using MicroEvents.Rejections;
using MicroEvents.Text;
using MicroEvents.Wallets;
using Orleans.Concurrency;

namespace MicroEvents.Access;

/// <summary>Operators' revocations and key rotations of creator tokens; the rows are the record of who did them.</summary>
[StatelessWorker]
public sealed partial class CreatorTokensGrain(AccessDatabase database, TimeProvider clock) : Grain, ICreatorTokensGrain
{
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(1);

    private readonly CreatorTokenStore _store = new(database);

    public async Task<CreatorTokenRevocation> Revoke(string? wallet, string? tokenId, string? reason, string by)
    {
        var subject = SubjectOf(wallet, tokenId, reason);
        return await AccessDatabase.Guarded(() => _store.Revoke(subject, clock.GetUtcNow(), reason?.Trim() ?? "", by));
    }

    /// <summary>The revocation's subject; <c>validation-failed</c> unless exactly one of a valid wallet and token id, and a clean reason.</summary>
    public static string SubjectOf(string? wallet, string? tokenId, string? reason)
    {
        var checks = new ClientText.Checks();
        var normalized = "";
        if (wallet is null == tokenId is null) checks.Fail(wallet is null ? "wallet" : "tokenId", "give exactly one of wallet and tokenId");
        else if (wallet is not null && !WalletAddress.TryNormalize(wallet, out normalized))
            checks.Fail("wallet", "must be an address: 0x + 40 hex digits, EIP-55 checksummed if mixed case");
        else if (tokenId is not null && !TokenIdShape().IsMatch(tokenId)) checks.Fail("tokenId", "must be a token's jti: 32 hex digits");
        if (reason is not null) checks.Text("reason", reason, ClientText.MaxNameLength);
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The revocation is invalid.", checks.Errors);

        return wallet is not null ? CreatorTokenStore.WalletSubject(normalized) : CreatorTokenStore.TokenSubject(tokenId!);
    }

    public async Task<TokenKeyRotation> RotateSigningKey(TimeSpan? requested, string by)
    {
        var overlap = requested ?? CreatorSignInGrain.TokenLifetime;
        if (overlap < TimeSpan.Zero || overlap > MaxOverlap)
            throw new Rejected(RejectionCodes.ValidationFailed, "The rotation is invalid.",
                new Dictionary<string, string[]> { ["overlapSeconds"] = [$"must be between 0 and {(int)MaxOverlap.TotalSeconds}"] });
        return await AccessDatabase.Guarded(() => _store.Rotate(clock.GetUtcNow(), overlap, by));
    }

    [GeneratedRegex("^[0-9a-fA-F]{32}$")] private static partial Regex TokenIdShape();
}
