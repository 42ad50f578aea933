using JasperFx.Events;
using Marten;
using MicroEvents.Drops.Events;
using MicroEvents.Throttles.Events;
using Npgsql;
using Weasel.Postgresql.Tables;

namespace MicroEvents.Projections;

/// <summary>
/// Claims per drop, minute (the drop's clock) and tier; refusals per drop and reason. Refusals are not
/// events in this system (a refused claim appends nothing): the only recorded ones are the bot
/// throttle's (<c>challenge-required</c>), so that is the one reason counted.
/// </summary>
public sealed class DropTimelineProjection(string schema) : TableProjection(schema)
{
    public const string ProjectionName = "drop-timeline";
    private const string Untiered = "";

    public override string Name => ProjectionName;

    private const string ClaimsTable = "proj_drop_claims", RefusalsTable = "proj_drop_refusals";
    private string Claims => Qualified(ClaimsTable);
    private string Refusals => Qualified(RefusalsTable);

    public override IReadOnlyList<Table> Tables =>
    [
        NewTable(ClaimsTable, t =>
        {
            t.AddColumn<string>("drop_id").AsPrimaryKey();
            t.AddColumn("minute", "timestamptz").AsPrimaryKey();
            t.AddColumn<string>("tier").AsPrimaryKey();
            t.AddColumn<long>("claims").NotNull();
        }),
        NewTable(RefusalsTable, t =>
        {
            t.AddColumn<string>("drop_id").AsPrimaryKey();
            t.AddColumn<string>("reason").AsPrimaryKey();
            t.AddColumn<long>("refusals").NotNull();
        }),
    ];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var minutes = events.Where(e => e.Data is TokenMinted)
            .Select(e => (Drop: IdOf(e.StreamKey), Mint: (TokenMinted)e.Data))
            .GroupBy(x => (x.Drop, Minute: Minute(x.Mint.ClaimedAt), Tier: x.Mint.Tier ?? Untiered))
            .ToList();
        if (minutes.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {Claims} (drop_id, minute, tier, claims) select * from unnest(?::text[], ?::timestamptz[], ?::text[], ?::bigint[]) " +
                $"on conflict (drop_id, minute, tier) do update set claims = {Claims}.claims + excluded.claims",
                minutes.Select(g => g.Key.Drop).ToArray(), minutes.Select(g => g.Key.Minute).ToArray(),
                minutes.Select(g => g.Key.Tier).ToArray(), minutes.Select(g => (long)g.Count()).ToArray());

        var throttled = events.Where(e => e.Data is ClaimsThrottled).GroupBy(e => ((ClaimsThrottled)e.Data).DropId).ToList();
        if (throttled.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {Refusals} (drop_id, reason, refusals) select d, 'challenge-required', n from unnest(?::text[], ?::bigint[]) as x(d, n) " +
                $"on conflict (drop_id, reason) do update set refusals = {Refusals}.refusals + excluded.refusals",
                throttled.Select(g => g.Key).ToArray(), throttled.Select(g => (long)g.Count()).ToArray());
        return Task.CompletedTask;
    }

    public async Task<(long Claims, List<MinuteClaims> Minutes, List<TierClaims> Tiers, List<RefusalCount> Refusals)> Read(NpgsqlConnection connection, string dropId, CancellationToken ct)
    {
        var minutes = new List<MinuteClaims>();
        var tiers = new Dictionary<string, long>();
        await using (var command = new NpgsqlCommand($"select minute, tier, claims from {Claims} where drop_id = @drop order by minute, tier", connection))
        {
            command.Parameters.AddWithValue("drop", dropId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var minute = new DateTimeOffset(reader.GetFieldValue<DateTime>(0), TimeSpan.Zero);
                var claims = reader.GetInt64(2);
                if (minutes.Count > 0 && minutes[^1].Minute == minute) minutes[^1] = minutes[^1] with { Claims = minutes[^1].Claims + claims };
                else minutes.Add(new MinuteClaims(minute, claims));
                tiers[reader.GetString(1)] = tiers.GetValueOrDefault(reader.GetString(1)) + claims;
            }
        }
        var refusals = new List<RefusalCount>();
        await using (var command = new NpgsqlCommand($"select reason, refusals from {Refusals} where drop_id = @drop order by reason", connection))
        {
            command.Parameters.AddWithValue("drop", dropId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) refusals.Add(new RefusalCount(reader.GetString(0), reader.GetInt64(1)));
        }
        return (minutes.Sum(m => m.Claims), minutes,
            tiers.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TierClaims(t.Key == Untiered ? null : t.Key, t.Value)).ToList(),
            refusals);
    }

    private static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.UtcTicks;
        return new DateTimeOffset(utc - utc % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

}
