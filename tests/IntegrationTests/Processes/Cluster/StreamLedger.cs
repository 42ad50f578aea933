using Npgsql;

namespace MicroEvents.IntegrationTests.Processes.Cluster;

/// <summary>One minted token as the drop's Marten stream holds it.</summary>
public sealed record Mint(string DropId, string ClaimId, long Token);

/// <summary>The audit of a fail-over test, from the Marten streams alone (no grain, no cache).</summary>
public static class StreamLedger
{
    public static async Task<IReadOnlyList<Mint>> Mints(string connection, string schema)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT substr(stream_id, 6), data->>'claimId', (data->>'tokenNumber')::bigint FROM \"{schema}\".mt_events " +
            "WHERE stream_id LIKE 'drop/%' AND data ? 'tokenNumber' ORDER BY stream_id, version", db);
        await using var reader = await command.ExecuteReaderAsync();
        var mints = new List<Mint>();
        while (await reader.ReadAsync()) mints.Add(new Mint(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        return mints;
    }

    /// <summary>
    /// Every 2xx exists exactly once with the token it was told; per drop no token twice, no claim twice,
    /// numbers 1..n without a gap, n within the supply.
    /// </summary>
    public static void ShouldAgreeWith(this IReadOnlyList<Mint> mints, IEnumerable<ClaimAttempt> attempts, long supply)
    {
        foreach (var drop in mints.GroupBy(m => m.DropId))
        {
            drop.Select(m => m.Token).Order().Should().Equal(Enumerable.Range(1, drop.Count()).Select(i => (long)i), $"drop {drop.Key} numbers its tokens 1..n without gap or repeat");
            drop.Select(m => m.ClaimId).Should().OnlyHaveUniqueItems($"drop {drop.Key} mints each claim once");
            drop.LongCount().Should().BeLessThanOrEqualTo(supply, $"drop {drop.Key} does not oversell");
        }

        var stored = mints.ToDictionary(m => (m.DropId, m.ClaimId), m => m.Token);
        foreach (var ok in attempts.Where(a => a.Status is 200 or 201))
        {
            stored.Should().ContainKey((ok.DropId, ok.ClaimId), $"claim {ok.ClaimId} on {ok.DropId} was answered {ok.Status}");
            stored[(ok.DropId, ok.ClaimId)].Should().Be(ok.Token, $"claim {ok.ClaimId} was told token {ok.Token}");
        }
    }
}
