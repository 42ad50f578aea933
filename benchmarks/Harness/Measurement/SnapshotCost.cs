using System.Diagnostics;
using System.Text.Json;
using MicroEvents.Drops;
using Npgsql;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// Where a snapshot's time goes, measured on the stored document of one drop (medians of 3): reading its
/// JSON text from PostgreSQL, deserializing it into the drop's state (both on the reactivation path), and
/// serializing that state again, which is what the drop's own thread does each time it takes a snapshot.
/// Uses the same System.Text.Json defaults (web) as the product's journal.
/// </summary>
public sealed record SnapshotCost(long Bytes, double FetchMs, double DeserializeMs, double SerializeMs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<SnapshotCost?> Measure(string connectionString, string schema, string dropId, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"select data->'state' from \"{schema}\".mt_doc_actorsnapshot where id = @id", conn);
        cmd.Parameters.AddWithValue("id", $"drop/{dropId}");

        string? text = null;
        var fetch = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            text = await cmd.ExecuteScalarAsync(ct) as string;
            fetch.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        if (text is null) return null;

        DropState? state = null;
        var deserialize = Time(() => state = JsonSerializer.Deserialize<DropState>(text, Json));
        var serialize = Time(() => JsonSerializer.SerializeToElement(state, Json));
        return new SnapshotCost(text.Length, Median(fetch), deserialize, serialize);
    }

    private static double Time(Action action)
    {
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return Median(times);
    }

    private static double Median(List<double> values) => Math.Round(values.Order().ElementAt(values.Count / 2), 1);
}
