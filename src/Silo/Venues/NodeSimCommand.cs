using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MicroEvents.Gateway;
using MicroEvents.Gateway.Venues;
using MicroEvents.Signatures.Receipts;
using MicroEvents.Signatures.Venues;
using MicroEvents.Venues;
using Nethereum.Signer;

namespace MicroEvents.Silo.Venues;

/// <summary>
/// <c>node-sim</c>: plays a real venue node against a running system over HTTP. Registers (operator key), gets a
/// quota, heartbeats, primes and checks signed manifests, runs preflight, goes offline and issues vouchers with
/// real signatures (QR codes optional), comes back, checks the revocation list, uploads in chunks, reconciles,
/// and returns the unused quota.
/// </summary>
public static class NodeSimCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The gateway", DefaultValueFactory = _ => "http://localhost:5080" };
        var operatorKey = new Option<string>("--operator-key") { Description = "An operator API key (mev_…), to register the node and allocate its quota", Required = true };
        var drop = new Option<string>("--drop") { Description = "An open drop to serve", Required = true };
        var vouchers = new Option<int>("--vouchers") { Description = "Vouchers to issue while offline", DefaultValueFactory = _ => 20 };
        var quota = new Option<int?>("--quota") { Description = "Tokens to reserve for the node (default: --vouchers)" };
        var node = new Option<string?>("--node") { Description = "Node id (default: sim-<random>)" };
        var venue = new Option<string>("--venue") { Description = "Venue id", DefaultValueFactory = _ => "sim-venue" };
        var qr = new Option<DirectoryInfo?>("--qr-out") { Description = "Write the first vouchers' QR codes (PNG and SVG) here" };
        var command = new Command("node-sim", "Play a venue edge node against a running system: register, prime, go offline, issue vouchers, come back, upload.")
            { url, operatorKey, drop, vouchers, quota, node, venue, qr };
        command.SetAction((parse, ct) => new Simulation(parse.InvocationConfiguration.Output, parse.GetValue(url)!, parse.GetValue(operatorKey)!,
                parse.GetValue(drop)!, parse.GetValue(node) ?? $"sim-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}", parse.GetValue(venue)!)
            .Run(parse.GetValue(vouchers), parse.GetValue(quota) ?? parse.GetValue(vouchers), parse.GetValue(qr), ct));
        return command;
    }

    private sealed class Simulation(TextWriter output, string url, string operatorKey, string dropId, string nodeId, string venue)
    {
        private const int Chunk = 50;
        private static readonly JsonSerializerOptions Json = CreateJson();
        private readonly NodeSigningHandler _signing = new(nodeId, EthECKey.GenerateKey());

        public async Task<int> Run(int count, int quota, DirectoryInfo? qrOut, CancellationToken ct)
        {
            using var op = new HttpClient { BaseAddress = new Uri(url) };
            op.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
            using var self = new HttpClient(_signing) { BaseAddress = new Uri(url) };

            await Expect(op.PostAsJsonAsync("/nodes", new RegisterNode(nodeId, venue, $"node-sim {nodeId}", _signing.Key.GetPublicAddress()), Json, ct), "register");
            output.WriteLine($"registered node {nodeId} at venue {venue}, key {_signing.Key.GetPublicAddress()}");
            var held = await Read<NodeQuotaView>(op.PostAsJsonAsync($"/nodes/{nodeId}/quotas", new QuotaRequest(dropId, quota, $"{nodeId}-initial"), Json, ct), "allocate quota", ct);
            output.WriteLine($"quota of {dropId}: {held.Held} tokens reserved");

            var rtts = new List<int>();
            for (var i = 0; i < 5; i++) rtts.Add(await RoundTrip(self, ct));
            var view = await Read<NodeView>(self.PostAsJsonAsync($"/nodes/{nodeId}/heartbeats", new NodeHeartbeat(rtts.Max(), 0, 0, "node-sim"), Json, ct), "heartbeat", ct);
            output.WriteLine($"heartbeat: status {view.Status.ToString().ToLowerInvariant()}, rtt {string.Join("/", rtts)} ms");

            var primed = await Read<NodeManifests>(self.GetAsync($"/nodes/{nodeId}/manifests", ct), "prime", ct);
            foreach (var m in primed.Manifests)
            {
                var hashOk = NodeMessages.Sha256Hex(Encoding.UTF8.GetBytes(m.CanonicalManifest)) == m.ManifestHash;
                var signedOk = RootSignature.Signer(Convert.FromHexString(m.ManifestHash), m.Signature) == m.Signer;
                output.WriteLine($"primed {m.DropId}: hash {m.ManifestHash[..12]}… {(hashOk ? "matches" : "MISMATCH")}, signed by {m.Signer} {(signedOk ? "(verified)" : "(BAD SIGNATURE)")}");
            }
            var preflight = await Read<PreflightReport>(self.PostAsJsonAsync($"/nodes/{nodeId}/preflight",
                new PreflightRequest(rtts, 0, primed.Manifests.ToDictionary(m => m.DropId, m => m.ManifestHash),
                    primed.Manifests.Where(m => m.ContingencyManifestHash is not null).ToDictionary(m => m.DropId, m => m.ContingencyManifestHash!)), Json, ct), "preflight", ct);
            output.WriteLine($"preflight {(preflight.Passed ? "passed" : "FAILED")}: " + string.Join(", ", preflight.Items.Select(i => $"{i.Name} {(i.Passed ? "ok" : "FAIL")} ({i.Detail})")));

            output.WriteLine($"network down: issuing {count} vouchers offline");
            var issued = Enumerable.Range(1, count).Select(seq => OfflineVouchers.Issue(_signing.Key, nodeId, dropId, seq,
                "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)), null, DateTimeOffset.UtcNow, TimeSpan.FromHours(12))).ToList();
            if (qrOut is not null) WriteQrCodes(qrOut, issued.Take(3));

            output.WriteLine("network back: checking revocations, uploading");
            var revocations = await Read<SignedRevocationList>(self.GetAsync("/revocations", ct), "revocations", ct);
            var listed = NodeMessages.Signer(revocations.Message, revocations.Signature) == revocations.Signer;
            output.WriteLine($"revocation list v{revocations.Version}: {revocations.Revocations.Count} revoked keys, signature {(listed ? "verified" : "BAD")}");
            UploadReceipt? receipt = null;
            for (var i = 0; i < issued.Count || receipt is null; i += Chunk)
                receipt = await Read<UploadReceipt>(self.PostAsJsonAsync($"/nodes/{nodeId}/vouchers",
                    new VoucherUpload(issued.Skip(i).Take(Chunk).ToList(), i + Chunk >= issued.Count), Json, ct), "upload", ct);
            foreach (var r in receipt.Reports)
                output.WriteLine($"reconciled {r.DropId}: issued {r.Issued}, redeemed {r.Redeemed}, pending {r.Pending}, rejected " +
                    (r.RejectedByReason.Count == 0 ? "none" : string.Join(", ", r.RejectedByReason.Select(kv => $"{kv.Key} {kv.Value}"))) + $", quota held {r.QuotaHeld}");

            var returned = await Read<NodeQuotaView>(self.PostAsJsonAsync($"/nodes/{nodeId}/quotas/return", new QuotaReturn(dropId, null), Json, ct), "return quota", ct);
            output.WriteLine($"returned unused quota: {returned.Returned} tokens back to supply");
            return 0;
        }

        private static async Task<int> RoundTrip(HttpClient http, CancellationToken ct)
        {
            var started = Stopwatch.GetTimestamp();
            (await http.GetAsync("/health/live", ct)).EnsureSuccessStatusCode();
            return (int)Math.Ceiling(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        private void WriteQrCodes(DirectoryInfo dir, IEnumerable<SignedVoucher> vouchers)
        {
            dir.Create();
            foreach (var v in vouchers)
            {
                var payload = JsonSerializer.Serialize(v, Json);
                File.WriteAllBytes(Path.Combine(dir.FullName, $"{v.VoucherId}.png"), VoucherQr.Png(payload));
                File.WriteAllText(Path.Combine(dir.FullName, $"{v.VoucherId}.svg"), VoucherQr.Svg(payload));
            }
            output.WriteLine($"QR codes written to {dir.FullName}");
        }

        private static async Task Expect(Task<HttpResponseMessage> sending, string step)
        {
            using var response = await sending;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        private static async Task<T> Read<T>(Task<HttpResponseMessage> sending, string step, CancellationToken ct)
        {
            using var response = await sending;
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            return (await response.Content.ReadFromJsonAsync<T>(Json, ct))!;
        }

        private static JsonSerializerOptions CreateJson()
        {
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            GatewayHost.Configure(json);
            return json;
        }
    }
}
