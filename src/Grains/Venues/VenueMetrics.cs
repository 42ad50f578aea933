using System.Diagnostics.Metrics;

namespace MicroEvents.Venues;

/// <summary>
/// Venue nodes' signals (meter <c>MicroEvents.Venues</c>, on <c>/metrics</c>): key age when a key is rotated
/// or revoked, revocations, manifest primes and cache hits (hit ratio = hits / primes), vouchers by outcome,
/// and the round-trip time each accepted heartbeat reports.
/// </summary>
public sealed class VenueMetrics
{
    public const string MeterName = "MicroEvents.Venues";

    public VenueMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        KeyAge = meter.CreateHistogram<double>("microevents.venue.key.age", "s", "Age of a node key when it was rotated out or revoked, by event",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 600, 3600, 6 * 3600, 24 * 3600, 7 * 24 * 3600, 30 * 24 * 3600] });
        Revocations = meter.CreateCounter<long>("microevents.venue.key.revocations", description: "Node keys revoked");
        Rotations = meter.CreateCounter<long>("microevents.venue.key.rotations", description: "Node keys rotated");
        Primes = meter.CreateCounter<long>("microevents.venue.manifest.primes", description: "Manifest priming requests by nodes, by cache (hit: ETag matched, nothing sent)");
        Vouchers = meter.CreateCounter<long>("microevents.venue.vouchers", description: "Vouchers reconciled, by outcome and reason");
        StatusChanges = meter.CreateCounter<long>("microevents.venue.node.status_changes", description: "Node status changes, by new status");
        // No node label: /metrics carries no ids. Per node RTT is in GET /nodes/{id}/stats.
        HeartbeatRtt = meter.CreateHistogram<double>("microevents.venue.heartbeat.rtt", "s", "Round-trip time to the gateway a node measured, per accepted heartbeat",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    }

    public Histogram<double> KeyAge { get; }
    public Counter<long> Revocations { get; }
    public Counter<long> Rotations { get; }
    public Counter<long> Primes { get; }
    public Counter<long> Vouchers { get; }
    public Counter<long> StatusChanges { get; }
    public Histogram<double> HeartbeatRtt { get; }
}
