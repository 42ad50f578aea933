using JasperFx.Events;
using Marten;
using MicroEvents.Drops.Events;
using MicroEvents.Throttles.Events;
using MicroEvents.Venues.Events;
using Npgsql;
using Weasel.Postgresql.Tables;

using MicroEvents.Projections;

namespace MicroEvents.Drops;

/// <summary>
/// Claims per drop, minute (the drop's clock) and tier; claims per drop and node; refusals per drop and
/// reason. Refused online claims are not events in this system (a refused claim appends nothing): the
/// recorded refusals are the bot throttle's (<c>challenge-required</c>) and the vouchers reconciliation
/// refused (<c>node.voucher_rejected.v1</c>, counted under their reason, e.g. <c>beyond-quota</c>).
/// A voucher's mint is a <see cref="TokenMinted"/> with a <see cref="VoucherRedeemed"/> beside it naming
/// the node; every other mint is online.
/// </summary>
public sealed class DropTimelineProjection(string schema) : TableProjection(schema)
{
    public const string ProjectionName = "drop-timeline";
    private const string Untiered = "", OnlineNode = "", ThrottledReason = "challenge-required";

    public override string Name => ProjectionName;

    private const string ClaimsTable = "proj_drop_claims", RefusalsTable = "proj_drop_refusals", NodesTable = "proj_drop_node_claims";
    private string Claims => Qualified(ClaimsTable);
    private string Refusals => Qualified(RefusalsTable);
    private string Nodes => Qualified(NodesTable);

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
        NewTable(NodesTable, t =>
        {
            t.AddColumn<string>("drop_id").AsPrimaryKey();
            // '' for online claims: node ids are never empty.
            t.AddColumn<string>("node").AsPrimaryKey();
            t.AddColumn<long>("claims").NotNull();
        }),
    ];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(TokenMinted), typeof(VoucherRedeemed), typeof(ClaimsThrottled), typeof(VoucherRejected)];

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

        // Per node: each redeemed voucher counts for its node and comes off the drop's online count. Should a
        // page end between a voucher's mint and its redemption, the next page corrects the online count.
        var perNode = new Dictionary<(string Drop, string Node), long>();
        foreach (var e in events)
        {
            var key = e.Data switch
            {
                TokenMinted => (IdOf(e.StreamKey), OnlineNode),
                VoucherRedeemed v => (IdOf(e.StreamKey), v.NodeId),
                _ => default((string, string)?),
            };
            if (key is not { } k) continue;
            perNode[k] = perNode.GetValueOrDefault(k) + 1;
            if (e.Data is VoucherRedeemed) perNode[(k.Item1, OnlineNode)] = perNode.GetValueOrDefault((k.Item1, OnlineNode)) - 1;
        }
        if (perNode.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {Nodes} (drop_id, node, claims) select * from unnest(?::text[], ?::text[], ?::bigint[]) " +
                $"on conflict (drop_id, node) do update set claims = {Nodes}.claims + excluded.claims",
                perNode.Keys.Select(k => k.Drop).ToArray(), perNode.Keys.Select(k => k.Node).ToArray(), perNode.Values.ToArray());

        var refused = events
            .Select(e => e.Data switch
            {
                ClaimsThrottled t => (t.DropId, Reason: ThrottledReason),
                VoucherRejected v => (v.DropId, v.Reason),
                _ => default((string DropId, string Reason)?),
            })
            .OfType<(string DropId, string Reason)>()
            .GroupBy(r => r)
            .ToList();
        if (refused.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {Refusals} (drop_id, reason, refusals) select * from unnest(?::text[], ?::text[], ?::bigint[]) " +
                $"on conflict (drop_id, reason) do update set refusals = {Refusals}.refusals + excluded.refusals",
                refused.Select(g => g.Key.DropId).ToArray(), refused.Select(g => g.Key.Reason).ToArray(), refused.Select(g => (long)g.Count()).ToArray());
        return Task.CompletedTask;
    }

    public async Task<(long Claims, List<MinuteClaims> Minutes, List<TierClaims> Tiers, List<RefusalCount> Refusals, List<NodeClaims> Nodes)> Read(NpgsqlConnection connection, string dropId, CancellationToken ct)
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
        var nodes = new List<NodeClaims>();
        await using (var command = new NpgsqlCommand($"select node, claims from {Nodes} where drop_id = @drop and claims <> 0 order by node", connection))
        {
            command.Parameters.AddWithValue("drop", dropId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                nodes.Add(reader.GetString(0) is OnlineNode
                    ? new NodeClaims(null, NodeClaims.Online, reader.GetInt64(1))
                    : new NodeClaims(reader.GetString(0), NodeClaims.Voucher, reader.GetInt64(1)));
        }
        return (minutes.Sum(m => m.Claims), minutes,
            tiers.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new TierClaims(t.Key == Untiered ? null : t.Key, t.Value)).ToList(),
            refusals, nodes);
    }

    private static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.UtcTicks;
        return new DateTimeOffset(utc - utc % TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

}
