using System.Diagnostics.Metrics;

namespace MicroEvents.Fulfilment;

/// <summary>
/// Fulfilment's signals (meter <c>MicroEvents.Fulfilment</c>, on <c>/metrics</c>): each merch-bearing mint's
/// mapping to an order, <c>result</c> = mapped or unmapped (with the SKU actor's <c>reason</c> code). The
/// mapping success rate is mapped / all.
/// </summary>
public sealed class FulfilmentMetrics
{
    public const string MeterName = "MicroEvents.Fulfilment";
    public const string Mapped = "mapped", Unmapped = "unmapped";

    private readonly Counter<long> _mappings;

    public FulfilmentMetrics(IMeterFactory meters) =>
        _mappings = meters.Create(MeterName).CreateCounter<long>("microevents.fulfilment.mappings", "{token}",
            "Merch-bearing mints mapped to a fulfilment order (stock held) or left unmapped, by result and reason");

    public void Recorded(string result, string reason = "") =>
        _mappings.Add(1, new KeyValuePair<string, object?>("result", result), new KeyValuePair<string, object?>("reason", reason));
}
