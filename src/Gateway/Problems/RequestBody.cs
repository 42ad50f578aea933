using MicroEvents.Rejections;

namespace MicroEvents.Gateway.Problems;

static class RequestBody
{
    /// <summary>A missing or <c>null</c> JSON body is a client error, reported like any other validation failure.</summary>
    public static T Required<T>(T? body) where T : class =>
        body ?? throw new Rejected(RejectionCodes.ValidationFailed, "A JSON body is required.",
            new Dictionary<string, string[]> { ["body"] = ["is required"] });
}
