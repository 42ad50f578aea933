using System.Security.Cryptography;
using System.Text;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Challenges;
using MicroEvents.Wallets;
using Nethereum.Signer;
using Orleans.Concurrency;

namespace MicroEvents.Access;

/// <summary>
/// Sign-In with Ethereum: checks the message (<see cref="SiweRules"/>: domain, URI, chain, times; then the nonce), recovers the EIP-191 signer with
/// Nethereum, burns the nonce and issues a creator token. The signing key stays inside the silo.
/// </summary>
[StatelessWorker]
public sealed class CreatorSignInGrain(AccessDatabase database, TimeProvider clock) : Grain, ICreatorSignInGrain
{
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    private readonly SignInStore _store = new(database);
    private readonly CreatorTokens _tokens = new(new CreatorTokenStore(database));

    public async Task<string> IssueNonce()
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await AccessDatabase.Guarded(async () => { await _store.AddNonce(nonce, clock.GetUtcNow(), NonceLifetime); return true; });
        return nonce;
    }

    public async Task<CreatorSession> SignIn(string message, string signature, SiweAudience audience)
    {
        var now = clock.GetUtcNow();
        if (!SiweMessage.TryParse(message, out var siwe, out var problem)) throw Refused($"Not a valid sign-in message: {problem}.");
        if (!WalletAddress.TryNormalize(siwe.Address, out var wallet)) throw Refused("The message's address is not a valid wallet address.");
        if (SiweRules.Check(siwe, audience, now) is var verdict && verdict != SiweVerdict.Accepted) throw Refused(SiweRules.Explain(verdict, audience));
        if (!SignedBy(message, signature, wallet)) throw Refused("The signature does not match the message's address.");
        if (!await AccessDatabase.Guarded(() => _store.ConsumeNonce(siwe.Nonce, now, NonceLifetime))) throw Refused("The nonce is unknown, used or expired; ask for a new one.");

        var lifetime = siwe.ExpirationTime is { } end && end - now < TokenLifetime ? end - now : TokenLifetime;
        var token = await _tokens.Issue(wallet, now, lifetime);
        return new CreatorSession(token, wallet, now + lifetime);
    }

    public async Task<Caller?> Verify(string token)
    {
        var now = clock.GetUtcNow();
        // Signed by an accepted key (rotation) and not revoked: see CreatorTokens.
        return await _tokens.Verify(token, now) is { } valid
            ? new Caller(AccessRole.Creator, $"creator {valid.Wallet}", valid.Wallet, valid.ExpiresAt)
            : null;
    }

    // 65 bytes, v 27/28 or 0/1, low s (EIP-2): the high-s twin and the 64-byte compact form are refused. Which
    // encoding arrived does not matter for replay: the nonce is single use whatever the signature's bytes.
    private static bool SignedBy(string message, string signature, string wallet) =>
        WalletSignature.TryParse(signature, out var parsed) && parsed.IsLowS
        && string.Equals(parsed.RecoverSigner(new EthereumMessageSigner().HashPrefixedMessage(Encoding.UTF8.GetBytes(message))), wallet,
            StringComparison.OrdinalIgnoreCase);

    private static Rejected Refused(string detail) => new(RejectionCodes.Unauthorized, detail);
}
