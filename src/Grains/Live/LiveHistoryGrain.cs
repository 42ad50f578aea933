using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using Orleans.Concurrency;

namespace MicroEvents.Live;

/// <summary>Live messages read back from a drop's stream for clients that reconnect; beside the publisher, on any silo.</summary>
[StatelessWorker]
public sealed class LiveHistoryGrain(IDocumentStore store, EventJournal journal) : Grain, ILiveHistoryGrain
{
    private readonly LiveReader _reader = new(store);

    public async Task<IReadOnlyList<LiveMessage>> Between(long after, long through)
    {
        if (after < 0 || through < after)
            throw new Rejected(RejectionCodes.ValidationFailed, "Invalid range.", new Dictionary<string, string[]> { ["after"] = ["must be between 0 and through"] });
        if (through == after) return [];
        var id = this.GetPrimaryKeyString();
        var (before, _) = after == 0
            ? (LiveState.None, [])
            : LiveFold.Step(LiveState.None, await journal.Breaker.Read(() => _reader.Read(id, 0, after)), null);
        var read = await journal.Breaker.Read(() => _reader.Read(id, after, through));
        return LiveFold.Step(before, read, null).Messages;
    }
}
