namespace MicroEvents.EventSourcing;

/// <summary>
/// The id that ties stored events to the request that caused them. Callers put it in Orleans'
/// <see cref="RequestContext"/> (the gateway uses <c>X-Request-Id</c> or its trace id); commands
/// that carry their own id (a claim id) use that instead.
/// </summary>
public static class Correlation
{
    public const string Key = "correlation-id";
    public const string Header = "X-Request-Id";

    public static string? Current => RequestContext.Get(Key) as string;

    public static void Set(string? id)
    {
        if (!string.IsNullOrEmpty(id)) RequestContext.Set(Key, id);
    }
}
