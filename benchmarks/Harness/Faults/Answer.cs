namespace MicroEvents.Benchmarks.Faults;

/// <summary>How one request of a phone came back.</summary>
public enum AnswerKind
{
    /// <summary>2xx with a receipt: the claim is durable.</summary>
    Acknowledged,

    /// <summary>A 4xx domain rejection (sold out…): a final answer, nothing stored.</summary>
    Rejected,

    /// <summary>503 unavailable: retry later with the same claim id.</summary>
    Unavailable,

    /// <summary>Refused or cut connection: nobody is listening (the silo is dead).</summary>
    ConnectionError,

    /// <summary>No answer within the request timeout: a hang.</summary>
    Timeout,

    /// <summary>Any other 5xx: a server bug.</summary>
    ServerError,
}

/// <summary>One request and its answer; times in seconds since the run's clock started.</summary>
public readonly record struct Answer(long Claim, int Drop, double SentAt, double ReceivedAt, AnswerKind Kind, int Status, string? Code, bool HasRetryAfter)
{
    public double Seconds => ReceivedAt - SentAt;
}

/// <summary>A claim's last word, as its phone saw it.</summary>
public enum ClaimFate
{
    Acknowledged,
    Rejected,

    /// <summary>Retries ran out: the phone does not know whether the claim was stored.</summary>
    Abandoned,
}

/// <summary>One claim from its first request to its final answer.</summary>
public sealed record ClaimOutcome(long Index, int Drop, string ClaimId, ClaimFate Fate, long TokenNumber, string? Code, int Attempts, double FirstSentAt, double AnsweredAt);
