using JasperFx.Events;
using Marten;
using MicroEvents.Drops.Events;
using Npgsql;
using Weasel.Postgresql.Tables;

using MicroEvents.Projections;

namespace MicroEvents.Drops;

/// <summary>
/// Distinct wallets per creator across all their drops. A mint names its drop, not its creator, so the projection keeps
/// each drop's creator (from <see cref="DropCreated"/>, always earlier in the sequence).
/// <para>
/// Which wallets are new is decided in memory (<see cref="CreatorWalletSets"/>), and a page stores each creator's new
/// wallets as packed runs of up to 64, not a row per wallet. A row per wallet, checked against a (creator, wallet) key, was the
/// largest cost all readers together put on PostgreSQL under a hot drop, where nearly every claim is a new wallet
/// (issue #30: about 18 µs of PostgreSQL CPU per claim). The cost moved into memory: about 50 bytes per wallet of each
/// creator the daemon has seen since it started.
/// </para>
/// </summary>
public sealed class CreatorLeaderboardProjection(string schema) : TableProjection(schema)
{
    public const string ProjectionName = "creator-leaderboard";
    private const string DropsTable = "proj_creator_drops", RunsTable = "proj_creator_wallet_runs";

    /// <summary>
    /// Wallets per stored run: 64 entries (1,792 bytes) keep a row under PostgreSQL's TOAST threshold (about 2 KB), so it
    /// is stored as it is. A page's whole run (36 KB under a hot drop) was compressed by pglz on every insert, 4.5 ms of
    /// PostgreSQL CPU each, to gain nothing on real wallets: random addresses do not compress (issue #30).
    /// </summary>
    internal const int MaxRunWallets = 64;

    private readonly CreatorWalletSets _sets = new();

    public override string Name => ProjectionName;

    private string Drops => Qualified(DropsTable);
    private string Runs => Qualified(RunsTable);

    public override IReadOnlyList<Table> Tables =>
    [
        NewTable(DropsTable, t =>
        {
            t.AddColumn<string>("drop_id").AsPrimaryKey();
            t.AddColumn<string>("creator").NotNull();
            t.AddColumn<long>("tokens").NotNull();
        }),
        NewTable(RunsTable, t =>
        {
            t.AddColumn<string>("creator").AsPrimaryKey();
            // The sequence number of the run's first wallet: unique per creator, since a page applies a mint once.
            t.AddColumn<long>("first_seq").AsPrimaryKey();
            t.AddColumn<int>("wallets").NotNull();
            t.AddColumn("entries", "bytea").NotNull();
        }),
    ];

    /// <summary>Until the runs, one row per (creator, wallet): its rows are not the runs' shape, so the projection is replayed once.</summary>
    public override IReadOnlyList<string> RetiredTables => ["proj_creator_wallets"];

    public override IReadOnlyCollection<Type> EventTypes { get; } = [typeof(DropCreated), typeof(TokenMinted)];

    public override async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var created = events.Where(e => e.Data is DropCreated).Select(e => (DropCreated)e.Data).ToList();
        if (created.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {Drops} (drop_id, creator, tokens) select d, c, 0 from unnest(?::text[], ?::text[]) as x(d, c) on conflict (drop_id) do nothing",
                created.Select(c => c.DropId).ToArray(), created.Select(c => c.Creator).ToArray());
        foreach (var c in created) _sets.Know(c.DropId, c.Creator);

        var mints = events.Where(e => e.Data is TokenMinted).Select(e => (Drop: IdOf(e.StreamKey), Mint: (TokenMinted)e.Data, e.Sequence)).ToList();
        if (mints.Count == 0) return;
        var perDrop = mints.GroupBy(m => m.Drop).ToList();
        operations.QueueSqlCommand(
            $"update {Drops} d set tokens = d.tokens + x.n from unnest(?::text[], ?::bigint[]) as x(drop_id, n) where d.drop_id = x.drop_id",
            perDrop.Select(g => g.Key).ToArray(), perDrop.Select(g => (long)g.Count()).ToArray());

        await Remember(operations, [.. perDrop.Select(g => g.Key)], cancellation);
        var fresh = new Dictionary<string, List<(WalletKey Wallet, long Sequence)>>(StringComparer.Ordinal);
        foreach (var (drop, mint, sequence) in mints)
        {
            // A mint of a drop never created is not counted (as the join on the drops table did before).
            if (_sets.CreatorOf(drop) is not { } creator) continue;
            var wallet = WalletKey.Of(mint.Wallet);
            if (!_sets.IsFirst(creator, wallet, sequence)) continue;
            if (!fresh.TryGetValue(creator, out var wallets)) fresh[creator] = wallets = [];
            wallets.Add((wallet, sequence));
        }
        if (fresh.Count == 0) return;
        var runs = fresh.SelectMany(f => f.Value.Chunk(MaxRunWallets).Select(run => (Creator: f.Key, Wallets: run))).ToList();
        operations.QueueSqlCommand(
            $"insert into {Runs} (creator, first_seq, wallets, entries) select * from unnest(?::text[], ?::bigint[], ?::integer[], ?::bytea[])",
            runs.Select(r => r.Creator).ToArray(), runs.Select(r => r.Wallets[0].Sequence).ToArray(), runs.Select(r => r.Wallets.Length).ToArray(),
            runs.Select(r => Pack(r.Wallets)).ToArray());
    }

    /// <summary>Reads the creators of drops not seen since the start, and the stored runs of their creators not loaded yet.</summary>
    private async Task Remember(IDocumentOperations operations, string[] drops, CancellationToken ct)
    {
        var unknown = drops.Where(d => !_sets.Knows(d)).ToArray();
        if (unknown.Length > 0)
            foreach (var (drop, creator) in await operations.AdvancedSql.QueryAsync<string, string>(
                         $"select drop_id, creator from {Drops} where drop_id = any(?)", ct, (object)unknown))
                _sets.Know(drop, creator);

        var unloaded = drops.Select(_sets.CreatorOf).OfType<string>().Distinct().Where(c => !_sets.Loaded(c)).ToArray();
        if (unloaded.Length == 0) return;
        // A creator's wallets now span a row per 64: one pass over the rows, not one per creator.
        var runs = (await operations.AdvancedSql.QueryAsync<string, string>(
            $"select creator, encode(entries, 'hex') from {Runs} where creator = any(?)", ct, (object)unloaded)).ToLookup(r => r.Item1, r => r.Item2);
        foreach (var creator in unloaded)
            _sets.Load(creator, runs[creator].Select(Convert.FromHexString));
    }

    private static byte[] Pack((WalletKey Wallet, long Sequence)[] wallets)
    {
        var bytes = new byte[wallets.Length * CreatorWalletSets.EntrySize];
        for (var i = 0; i < wallets.Length; i++)
            CreatorWalletSets.WriteEntry(bytes.AsSpan(i * CreatorWalletSets.EntrySize), wallets[i].Wallet, wallets[i].Sequence);
        return bytes;
    }

    public async Task<List<CreatorStanding>> Read(NpgsqlConnection connection, int limit, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""
            select d.creator, coalesce(w.wallets, 0), d.drops, d.tokens
            from (select creator, count(*) as drops, sum(tokens)::bigint as tokens from {Drops} group by creator) d
            left join (select creator, sum(wallets)::bigint as wallets from {Runs} group by creator) w on w.creator = d.creator
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
