namespace MicroEvents.Benchmarks.Load;

/// <summary>What one claim call came back with, as seen by the caller.</summary>
public readonly record struct ClaimAttempt(long TokenNumber, string? RejectionCode, string? Failure)
{
    public bool IsAccepted => TokenNumber > 0;

    public static ClaimAttempt Accepted(long tokenNumber) => new(tokenNumber, null, null);

    /// <summary>The domain said no (sold out, wallet limit…): a correct answer, nothing written.</summary>
    public static ClaimAttempt Rejected(string code) => new(0, code, null);

    /// <summary>No answer (time-out, transport error, 5xx): the claim's fate is unknown to the caller.</summary>
    public static ClaimAttempt Failed(string why) => new(0, null, why);
}
