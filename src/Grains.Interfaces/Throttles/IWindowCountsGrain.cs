namespace MicroEvents.Throttles;

/// <summary>
/// The cluster's one count of abuse-limit windows for a shard of keys (key: shard number). Gateways send
/// what they admitted in batches and learn the cluster's totals in reply; see the gateway's
/// <c>ClusterWindows</c> for why the claim path does not wait for it. In memory only: a lost activation
/// forgets its windows, which only makes the limits forgiving for one window.
/// </summary>
public interface IWindowCountsGrain : IGrainWithIntegerKey
{
    /// <summary>Adds each admission to its key's current window (opened by the first one) and answers every key's total.</summary>
    Task<WindowTotal[]> Add(WindowAdmissions[] admissions);
}

/// <summary><paramref name="Count"/> requests a gateway admitted on <paramref name="Key"/>, whose window lasts <paramref name="WindowSeconds"/>.</summary>
[GenerateSerializer, Immutable]
public readonly record struct WindowAdmissions(
    [property: Id(0)] string Key,
    [property: Id(1)] int WindowSeconds,
    [property: Id(2)] int Count);

/// <summary>The cluster's admissions in the key's current window, and how long that window still runs.</summary>
[GenerateSerializer, Immutable]
public readonly record struct WindowTotal(
    [property: Id(0)] int Total,
    [property: Id(1)] TimeSpan Remaining);
