using System.Text.Json;

namespace MicroEvents.Benchmarks.Faults;

/// <summary>Receipts read back through <c>GET /drops/{id}/claims/{claimId}</c>, and those that disagreed with what the phone was told.</summary>
public sealed record ReceiptReadback(long Read, IReadOnlyList<string> Disagreements)
{
    /// <summary>
    /// Every claim acknowledged after a retry (the ones a fault touched) and an even spread of the others, up to
    /// <paramref name="spread"/>: a 2xx must mean the receipt is there to read, with the same token.
    /// </summary>
    public static async Task<ReceiptReadback> Check(HttpClient http, IReadOnlyList<string> dropIds, IEnumerable<ClaimOutcome> outcomes, int spread, CancellationToken ct)
    {
        var acknowledged = outcomes.Where(o => o.Fate == ClaimFate.Acknowledged).OrderBy(o => o.Index).ToList();
        var step = Math.Max(1, acknowledged.Count / Math.Max(1, spread));
        var sample = acknowledged.Where((o, i) => o.Attempts > 1 || i % step == 0).ToList();
        var disagreements = new List<string>();
        foreach (var claim in sample)
        {
            using var response = await http.GetAsync($"drops/{dropIds[claim.Drop]}/claims/{Uri.EscapeDataString(claim.ClaimId)}", ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            long? token = null;
            if (response.IsSuccessStatusCode)
            {
                using var doc = JsonDocument.Parse(body);
                token = doc.RootElement.GetProperty("tokenNumber").GetInt64();
            }
            if (token != claim.TokenNumber)
                disagreements.Add($"{claim.ClaimId}: told #{claim.TokenNumber}, GET answered {(int)response.StatusCode}{(token is { } t ? $" #{t}" : "")}");
        }
        return new ReceiptReadback(sample.Count, disagreements);
    }
}
