using Nethereum.Signer;

namespace MicroEvents.Gateway.WebConsole;

/// <summary>
/// A throw-away creator wallet for the one-command local run, so someone without a wallet extension (and the
/// console's browser tests) can sign in. Its key lives in this process only; it is never created from
/// configuration and never mapped outside the local run, so production has no server-side signer.
/// </summary>
public sealed class DevelopmentWallet
{
    private readonly EthECKey _key = EthECKey.GenerateKey();

    public string Address => _key.GetPublicAddress();

    /// <summary>An EIP-191 personal signature, exactly what a wallet's <c>personal_sign</c> returns.</summary>
    public string Sign(string message) => new EthereumMessageSigner().EncodeUTF8AndSign(message, _key);
}
