using MicroEvents.Signatures.Venues;
using Nethereum.Signer;

namespace MicroEvents.Silo.Venues;

/// <summary>
/// Signs every request a venue node sends with its current key (<see cref="NodeMessages.Request"/>): what a kiosk
/// app does, used by <c>node-sim</c> and the tests. <see cref="Key"/> changes when the node rotates.
/// </summary>
public sealed class NodeSigningHandler(string nodeId, EthECKey key, TimeProvider? clock = null) : DelegatingHandler(new HttpClientHandler())
{
    public EthECKey Key { get; set; } = key;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(ct);
        var stamp = (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var nonce = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var bodyHash = NodeMessages.Sha256Hex(body);
        var message = NodeMessages.Request(nodeId, request.Method.Method, request.RequestUri!.PathAndQuery, stamp, nonce, bodyHash);
        foreach (var header in new[] { NodeMessages.TimestampHeader, NodeMessages.NonceHeader, NodeMessages.SignatureHeader, NodeMessages.BodyHashHeader })
            request.Headers.Remove(header);
        request.Headers.Add(NodeMessages.BodyHashHeader, bodyHash);
        request.Headers.Add(NodeMessages.NonceHeader, nonce);
        request.Headers.Add(NodeMessages.TimestampHeader, stamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(NodeMessages.SignatureHeader, NodeMessages.Sign(message, Key));
        return await base.SendAsync(request, ct);
    }
}
