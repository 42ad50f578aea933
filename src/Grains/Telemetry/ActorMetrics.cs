using System.Diagnostics.Metrics;

namespace MicroEvents.Telemetry;

/// <summary>
/// The actors' own signals, one instrument each, created once per silo (a singleton) so every
/// activation records into the same series. Exposed on <c>/metrics</c> in Prometheus form, e.g.
/// <c>microevents_drop_mint_duration_seconds</c>, <c>microevents_drop_claims_total</c>.
/// </summary>
public sealed class ActorMetrics
{
    public const string MeterName = "MicroEvents.Actors";

    public ActorMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        MintDuration = meter.CreateHistogram<double>("microevents.drop.mint.duration", "s",
            "From a claim reaching its drop to its mint being durable (or its rejection), by outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        Claims = meter.CreateCounter<long>("microevents.drop.claims", description: "Claims answered, by outcome (minted, replayed, rejected)");
        Rejections = meter.CreateCounter<long>("microevents.rejections", description: "Commands rejected, by actor kind, command and reason (the problem code)");
        Exported = meter.CreateCounter<long>("microevents.export.events", description: "Events read by exports (GET /events); its rate is the export throughput");
    }

    public Histogram<double> MintDuration { get; }
    public Counter<long> Claims { get; }
    public Counter<long> Rejections { get; }
    public Counter<long> Exported { get; }

    public void Rejected(string kind, string command, string reason) =>
        Rejections.Add(1, new("kind", kind), new("command", command), new("reason", reason));
}
