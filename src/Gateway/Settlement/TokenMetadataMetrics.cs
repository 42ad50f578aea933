using System.Diagnostics.Metrics;

namespace MicroEvents.Gateway.Settlement;

/// <summary>
/// <c>microevents_tokens_metadata_requests_total{cache="hit"|"miss"}</c>: a hit is a 304 to a client that sent the
/// current ETag; hit / (hit + miss) is the metadata cache-hit ratio.
/// </summary>
public sealed class TokenMetadataMetrics
{
    public const string MeterName = "MicroEvents.Tokens";

    private readonly Counter<long> _requests;

    public TokenMetadataMetrics(IMeterFactory meters) =>
        _requests = meters.Create(MeterName).CreateCounter<long>("microevents.tokens.metadata.requests",
            description: "Token metadata requests by cache outcome (hit: answered 304 Not Modified)");

    public void Served(bool hit) => _requests.Add(1, new KeyValuePair<string, object?>("cache", hit ? "hit" : "miss"));
}
