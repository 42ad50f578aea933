using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;

namespace MicroEvents.Gateway.WebConsole;

/// <summary>
/// Development only: the local run's <see cref="DevelopmentWallet"/> behind an EIP-1193-shaped pair of routes the
/// console uses when the browser has no wallet. It signs nothing but a sign-in message addressed to this API for
/// its own address, so it grants what any visitor could get by making a wallet: a creator of no drops yet.
/// </summary>
public static class DevelopmentWalletEndpoints
{
    public sealed record WalletView(string Address);

    public sealed record SignRequest(string Message);

    public sealed record SignatureView(string Address, string Signature);

    /// <summary>A sign-in message is a dozen short lines; anything longer is not one.</summary>
    public const int MaxMessageLength = 4_096;

    public static WebApplication MapDevelopmentWallet(this WebApplication app, DevelopmentWallet wallet)
    {
        var dev = app.MapGroup("/dev/wallet").WithTags("Development");
        dev.MapGet("", () => new WalletView(wallet.Address))
            .WithSummary("The local run's development wallet (only in the one-command local run): its address")
            .Produces<WalletView>()
            .AllowPublic();

        dev.MapPost("/sign", (SignRequest? body, SiweSettings siwe) =>
            {
                var message = RequestBody.Required(body).Message ?? "";
                var expected = $"{siwe.Audience.Domain} wants you to sign in with your Ethereum account:\n{wallet.Address}\n";
                if (message.Length > MaxMessageLength || !message.StartsWith(expected, StringComparison.Ordinal))
                    throw new Rejected(RejectionCodes.ValidationFailed, "The development wallet signs only a sign-in message for this API and its own address.",
                        new Dictionary<string, string[]> { ["message"] = [$"must start with '{expected.Replace("\n", "\\n")}'"] });
                return new SignatureView(wallet.Address, wallet.Sign(message));
            })
            .WithSummary("Sign a Sign-In with Ethereum message for this API with the development wallet (personal_sign; only in the one-command local run)")
            .Produces<SignatureView>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415).ProducesProblem(503)
            .AllowPublic();
        return app;
    }
}
