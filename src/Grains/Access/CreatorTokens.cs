namespace MicroEvents.Access;

/// <summary>
/// Issues and verifies creator tokens against the signing keys and the revocations, read afresh each time
/// (one round trip, as an API key's lookup is): a rotation or revocation holds from the next verification,
/// and gateways verify a token at most every few seconds (their caller cache). Nothing is read for a
/// string that is not even shaped like one of our tokens.
/// </summary>
public sealed class CreatorTokens(CreatorTokenStore store)
{
    /// <summary>A token for <paramref name="wallet"/>, signed with the current key.</summary>
    public async Task<string> Issue(string wallet, DateTimeOffset now, TimeSpan lifetime)
    {
        var keys = await AccessDatabase.Guarded(() => store.Keys(now));
        return CreatorToken.Issue(wallet, now, lifetime, keys.First(k => k.IsCurrent).Secret);
    }

    /// <summary>The token's claims when it is genuine, unexpired, signed by an accepted key and not revoked; else null.</summary>
    public async Task<CreatorToken.Verified?> Verify(string token, DateTimeOffset now)
    {
        if (CreatorToken.Read(token, now) is not { } claimed) return null;
        var (keys, revoked) = await AccessDatabase.Guarded(() => store.KeysAndRevocation(now, claimed));
        var accepted = keys.Where(k => k.AcceptedAt(now)).Select(k => k.Secret).ToArray();
        return !revoked && CreatorToken.Verify(token, now, accepted) is { } valid ? valid : null;
    }
}
