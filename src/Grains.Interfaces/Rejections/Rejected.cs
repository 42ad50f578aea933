namespace MicroEvents.Rejections;

/// <summary>
/// A command the domain refused. <see cref="Code"/> is a stable problem type (e.g. <c>sold-out</c>);
/// the gateway maps each code to its HTTP status. Nothing was written when this is thrown, except
/// for <c>unavailable</c>: a command already in flight may still be stored, so clients retry with the same id.
/// </summary>
[GenerateSerializer]
public sealed class Rejected : Exception
{
    public Rejected(string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null, TimeSpan? retryAfter = null)
        : base(detail)
    {
        Code = code;
        Errors = errors;
        RetryAfter = retryAfter;
    }

    [Id(0)] public string Code { get; }

    /// <summary>Field name → problems, for validation failures.</summary>
    [Id(1)] public IReadOnlyDictionary<string, string[]>? Errors { get; }

    /// <summary>When a refusal ends by time alone (a locked code path): the <c>Retry-After</c> the gateway sends.</summary>
    [Id(2)] public TimeSpan? RetryAfter { get; }
}
