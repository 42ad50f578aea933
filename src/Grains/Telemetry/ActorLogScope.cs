using Microsoft.Extensions.Logging;

namespace MicroEvents.Telemetry;

/// <summary>
/// Every log line an actor writes while handling a call carries the actor's key as a property
/// (<c>Actor</c>: e.g. <c>drop/summer-jam</c>, <c>claim/summer-jam/phone-42</c>), whichever silo it runs on.
/// </summary>
internal sealed class ActorLogScope(ILoggerFactory loggers) : IIncomingGrainCallFilter
{
    private readonly ILogger _log = loggers.CreateLogger("MicroEvents.Actors");

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        using (_log.BeginScope(new ActorScope(context.TargetId))) await context.Invoke();
    }

    private sealed class ActorScope(GrainId actor) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public KeyValuePair<string, object?> this[int index] => index == 0 ? new("Actor", ToString()) : throw new ArgumentOutOfRangeException(nameof(index));
        public int Count => 1;
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() { yield return this[0]; }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        public override string ToString() => $"{actor.Type}/{actor.Key}";
    }
}
