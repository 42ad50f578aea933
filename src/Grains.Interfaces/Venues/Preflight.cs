using System.ComponentModel;

namespace MicroEvents.Venues;

/// <summary>
/// What a node measured before doors open: round-trip samples against the gateway, its clock offset, and the
/// manifest hash it primed per drop (and the fallback's, for drops that have one). The node actor adds its own checks (key, quota, a test claim).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PreflightRequest(
    [property: Id(0)] IReadOnlyList<int> RttSamplesMs,
    [property: Id(1)] int ClockOffsetMs,
    [property: Id(2)] IReadOnlyDictionary<string, string> PrimedManifests,
    [property: Id(3), Description("The fallback manifest hash primed per drop that has one (contingencyManifestHash of GET /nodes/{id}/manifests).")] IReadOnlyDictionary<string, string>? PrimedContingencies = null);

[GenerateSerializer, Immutable]
public sealed record PreflightReport(
    [property: Id(0)] bool Passed,
    [property: Id(1)] IReadOnlyList<PreflightItem> Items,
    [property: Id(2)] DateTimeOffset At);

/// <summary>One checklist item: <c>rtt</c>, <c>clock</c>, <c>manifests</c>, <c>key</c>, <c>quota</c>, <c>test-claim</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record PreflightItem(
    [property: Id(0), Description("The item: rtt, clock, manifests, key, quota or test-claim.")] string Name,
    [property: Id(1), Description("Whether it passed.")] bool Passed,
    [property: Id(2), Description("What was measured or why it failed.")] string Detail);
