using JasperFx.Events;
using Marten;
using MicroEvents.Drops.Events;
using Npgsql;
using Weasel.Postgresql.Tables;

using MicroEvents.Projections;

namespace MicroEvents.Drops;

/// <summary>
/// Distinct wallets per creator across all their drops. A mint names its drop, not its creator, so the
/// projection keeps each drop's creator (from <see cref="DropCreated"/>, always earlier in the sequence)
/// and joins mints to it in the database, within the same page's transaction.
/// </summary>
public sealed class CreatorLeaderboardProjection(string schema) : TableProjection(schema)
{
    public const string ProjectionName = "creator-leaderboard";
    private const string DropsTable = "proj_creator_drops", WalletsTable = "proj_creator_wallets";

    public override string Name => ProjectionName;

    private string Drops => Qualified(DropsTable);
    private string Wallets => Qualified(WalletsTable);

    public override IReadOnlyList<Table> Tables =>
    [
        NewTable(DropsTable, t =>
        {
            t.AddColumn<string>("drop_id").AsPrimaryKey();
            t.AddColumn<string>("creator").NotNull();
            t.AddColumn<long>("tokens").NotNull();
        }),
        NewTable(WalletsTable, t =>
        {
            t.AddColumn<string>("creator").AsPrimaryKey();
            t.AddColumn<string>("wallet").AsPrimaryKey();
        }),
    ];

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(DropCreated), typeof(TokenMinted)];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var created = events.Where(e => e.Data is DropCreated).Select(e => (DropCreated)e.Data).ToList();
        if (created.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {Drops} (drop_id, creator, tokens) select d, c, 0 from unnest(?::text[], ?::text[]) as x(d, c) on conflict (drop_id) do nothing",
                created.Select(c => c.DropId).ToArray(), created.Select(c => c.Creator).ToArray());

        var mints = events.Where(e => e.Data is TokenMinted).Select(e => (Drop: IdOf(e.StreamKey), Wallet: ((TokenMinted)e.Data).Wallet.ToLowerInvariant())).ToList();
        if (mints.Count > 0)
        {
            var perDrop = mints.GroupBy(m => m.Drop).ToList();
            operations.QueueSqlCommand(
                $"update {Drops} d set tokens = d.tokens + x.n from unnest(?::text[], ?::bigint[]) as x(drop_id, n) where d.drop_id = x.drop_id",
                perDrop.Select(g => g.Key).ToArray(), perDrop.Select(g => (long)g.Count()).ToArray());
            var distinct = mints.Distinct().ToList();
            // Not `on conflict do nothing`: its speculative insertion doubled the cost of each new wallet, the largest
            // cost the readers add per claim (issue #30). The check is safe without it: this shard is the table's one
            // writer (the daemon runs once, under its lease), and `distinct` covers repeats within the page.
            operations.QueueSqlCommand(
                $"insert into {Wallets} (creator, wallet) select distinct d.creator, x.wallet from unnest(?::text[], ?::text[]) as x(drop_id, wallet) " +
                $"join {Drops} d on d.drop_id = x.drop_id " +
                $"where not exists (select 1 from {Wallets} w where w.creator = d.creator and w.wallet = x.wallet)",
                distinct.Select(m => m.Drop).ToArray(), distinct.Select(m => m.Wallet).ToArray());
        }
        return Task.CompletedTask;
    }

    public async Task<List<CreatorStanding>> Read(NpgsqlConnection connection, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select d.creator, coalesce(w.wallets, 0), d.drops, d.tokens
            from (select creator, count(*) as drops, sum(tokens)::bigint as tokens from {Drops} group by creator) d
            left join (select creator, count(*) as wallets from {Wallets} group by creator) w on w.creator = d.creator
            order by 2 desc, d.tokens desc, d.creator
            limit @limit
            """, connection);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var standings = new List<CreatorStanding>();
        while (await reader.ReadAsync(ct))
            standings.Add(new CreatorStanding(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        return standings;
    }
}
