using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace MicroEvents.Settlement;

/// <summary>
/// Settlement's signals (one per silo): <c>microevents_settlement_paused</c> (1 while a fee above the ceiling
/// holds anchors back), <c>microevents_settlement_pending</c> (roots not yet final) and transactions by outcome.
/// </summary>
public sealed class SettlementMetrics
{
    public const string MeterName = "MicroEvents.Settlement";

    private readonly ConcurrentDictionary<string, (bool Paused, int Pending)> _actors = new();

    public SettlementMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("microevents.settlement.paused",
            () => _actors.Select(a => new Measurement<int>(a.Value.Paused ? 1 : 0, new KeyValuePair<string, object?>("settlement", a.Key))),
            description: "1 while settlement is paused because the fee is above the configured ceiling");
        meter.CreateObservableGauge("microevents.settlement.pending",
            () => _actors.Select(a => new Measurement<int>(a.Value.Pending, new KeyValuePair<string, object?>("settlement", a.Key))),
            description: "Receipt roots queued or sent and not yet final");
        Transactions = meter.CreateCounter<long>("microevents.settlement.transactions",
            description: "Anchor transactions by outcome (submitted, replaced, confirmed, failed, gap filled)");
        Broadcasts = meter.CreateCounter<long>("microevents.settlement.broadcasts",
            description: "Transactions sent to the node by its answer (accepted, refused, refused for now, insufficient funds, nonce used)");
    }

    public Counter<long> Transactions { get; }

    /// <summary>Every send to the node by its answer: a permanently refused transaction is counted once, never again.</summary>
    public Counter<long> Broadcasts { get; }

    public void Observe(string settlement, bool paused, int pending) => _actors[settlement] = (paused, pending);
}
