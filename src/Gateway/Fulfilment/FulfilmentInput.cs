using System.Globalization;
using MicroEvents.Drops;
using MicroEvents.Fulfilment;
using MicroEvents.Gateway.Claims;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Custody;
using MicroEvents.Text;

namespace MicroEvents.Gateway.Fulfilment;

/// <summary>Request checks shared by the fulfilment routes: junk ids never activate an actor.</summary>
static class FulfilmentInput
{
    public static IFulfilmentOrderGrain Order(IGrainFactory grains, string dropId, string token) =>
        OrderIdOf(dropId, token) is { } id ? grains.GetGrain<IFulfilmentOrderGrain>(id) : throw NoOrder();

    public static string? OrderIdOf(string dropId, string token) =>
        DropId.IsValid(dropId) && long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            && n.ToString(CultureInfo.InvariantCulture) == token
            ? OrderKey.Of(dropId, n)
            : null;

    public static string? OrderIdOf(string? orderId) =>
        orderId is null || orderId.LastIndexOf('/') is var slash && slash < 0 ? null : OrderIdOf(orderId[..slash], orderId[(slash + 1)..]);

    /// <summary>The wallet that signed <paramref name="message"/>; a missing or bad signature is refused.</summary>
    public static string Signer(string message, string? signature) =>
        CustodyMessages.Signer(message, signature) ?? throw SignatureProblems.For(Signatures.Challenges.ChallengeVerdict.BadSignature);

    public static string Text(string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? throw Invalid(field, "is required") : "";
        return ClientText.Problem(value, max) is { } problem ? throw Invalid(field, problem) : value;
    }

    public static Rejected Invalid(string field, string problem) =>
        new(RejectionCodes.ValidationFailed, $"The {field} is invalid.", new Dictionary<string, string[]> { [field] = [problem] });

    public static Rejected NoOrder() => new(FulfilmentRejectionCodes.OrderNotFound, "No such order.");
}
