using System.Diagnostics;
using System.Text.Json;
using MicroEvents.Drops;
using Npgsql;

namespace MicroEvents.Benchmarks.Measurement;

/// <summary>
/// Where a snapshot's time goes, measured on the stored documents of one drop (medians of 3): reading its head and
/// pages as JSON text from PostgreSQL, restoring the drop's state from them (both on the reactivation path), and
/// serializing the head and one page of mints again (a snapshot writes the head and the pages filled since the last
/// one; <see cref="Bytes"/> counts head and pages). Uses the same System.Text.Json defaults (web) as the product's journal.
/// </summary>
public sealed record SnapshotCost(long Bytes, double FetchMs, double DeserializeMs, double SerializeMs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<SnapshotCost?> Measure(string connectionString, string schema, string dropId, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            select data->'state', 0 from "{schema}".mt_doc_actorsnapshot where id = @id
            union all
            select p.data->'state', 1 + substring(p.id from '#page-([0-9]+)$')::int
            from "{schema}".mt_doc_actorsnapshot p where p.id like @pages
            order by 2
            """, conn);
        cmd.Parameters.AddWithValue("id", $"drop/{dropId}");
        cmd.Parameters.AddWithValue("pages", $"drop/{dropId}#page-%");

        var texts = new List<string>();
        var fetch = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            texts.Clear();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) texts.Add(reader.GetString(0));
            fetch.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        if (texts.Count == 0) return null;

        DropState? state = null;
        var deserialize = Time(() =>
        {
            var head = JsonDocument.Parse(texts[0]).RootElement;
            var pages = texts.Skip(1).Select(t => JsonDocument.Parse(t).RootElement).ToList();
            state = DropSnapshotJson.Restore(head, pages, Json);
        });
        var serialize = Time(() =>
        {
            JsonSerializer.SerializeToElement(state, Json);
            var paged = (MicroEvents.EventSourcing.ISnapshotPages)state!;
            if (paged.FullPages > 0)
            {
                using var writer = new Utf8JsonWriter(Stream.Null);
                paged.WritePage(paged.FullPages - 1, writer);
            }
        });
        return new SnapshotCost(texts.Sum(t => (long)t.Length), Median(fetch), deserialize, serialize);
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
