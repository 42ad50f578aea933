using System.Security.Cryptography;
using MicroEvents.Rejections;
using MicroEvents.Wallets;
using Nethereum.Signer;
using Orleans.Concurrency;

namespace MicroEvents.Access;

/// <summary>
/// Sign-In with Ethereum: checks the message (domain, nonce, times), recovers the EIP-191 signer with
/// Nethereum, burns the nonce and issues a creator token. The signing key stays inside the silo.
/// </summary>
[StatelessWorker]
public sealed class CreatorSignInGrain(AccessDatabase database, TimeProvider clock) : Grain, ICreatorSignInGrain
{
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly SignInStore _store = new(database);
    private readonly CreatorTokens _tokens = new(new CreatorTokenStore(database));

    public async Task<string> IssueNonce()
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await AccessDatabase.Guarded(async () => { await _store.AddNonce(nonce, clock.GetUtcNow(), NonceLifetime); return true; });
        return nonce;
    }

    public async Task<CreatorSession> SignIn(string message, string signature, string expectedDomain)
    {
        var now = clock.GetUtcNow();
        if (!SiweMessage.TryParse(message, out var siwe, out var problem)) throw Refused($"Not a valid sign-in message: {problem}.");
        if (!string.Equals(siwe.Domain, expectedDomain, StringComparison.OrdinalIgnoreCase))
            throw Refused($"The message is for another domain; sign in for '{expectedDomain}'.");
        if (!WalletAddress.TryNormalize(siwe.Address, out var wallet)) throw Refused("The message's address is not a valid wallet address.");
        if (siwe.IssuedAt > now + ClockSkew || siwe.IssuedAt < now - NonceLifetime) throw Refused("The message's Issued At is not recent.");
        if (siwe.ExpirationTime is { } expires && expires <= now) throw Refused("The message has expired.");
        if (siwe.NotBefore is { } notBefore && notBefore > now + ClockSkew) throw Refused("The message is not valid yet.");
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

    private static bool SignedBy(string message, string signature, string wallet)
    {
        if (signature is not { Length: 132 } || !signature.StartsWith("0x", StringComparison.Ordinal)) return false;
        try
        {
            var signer = new EthereumMessageSigner().EncodeUTF8AndEcRecover(message, signature);
            return string.Equals(signer, wallet, StringComparison.OrdinalIgnoreCase);
        }
        // Nethereum throws a bare Exception for an unrecoverable signature; whatever the input, it is not verified.
        catch (Exception)
        {
            return false;
        }
    }

    private static Rejected Refused(string detail) => new(RejectionCodes.Unauthorized, detail);
}
