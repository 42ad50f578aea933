using JasperFx.Events;
using Marten;
using MicroEvents.Drops.Events;
using MicroEvents.Venues.Events;
using Npgsql;
using Weasel.Postgresql.Tables;

using MicroEvents.Projections;

namespace MicroEvents.Venues;

/// <summary>
/// Per venue node: heartbeats and round-trip times, status and its changes, key rotations and revocations
/// (from <c>node/{id}</c>), and per drop its vouchers by outcome and reason (node stream) and its quota
/// allocated and returned (the drop's own <see cref="QuotaAllocated"/> and <see cref="QuotaReturned"/>: the
/// drop holds the quota). A venue is the sum of its nodes. Online claims name no node, so none are counted here.
/// </summary>
public sealed class VenueNodeStatsProjection(string schema) : TableProjection(schema)
{
    public const string ProjectionName = "venue-nodes";
    private const string NodesTable = "proj_node_stats", DropsTable = "proj_node_drops", RejectionsTable = "proj_node_rejections";
    private const string NoRemedy = "none";

    public override string Name => ProjectionName;

    private string Nodes => Qualified(NodesTable);
    private string Drops => Qualified(DropsTable);
    private string Rejections => Qualified(RejectionsTable);

    public override IReadOnlyList<Table> Tables =>
    [
        NewTable(NodesTable, t =>
        {
            t.AddColumn<string>("node_id").AsPrimaryKey();
            t.AddColumn<string>("venue");
            t.AddColumn<string>("label");
            t.AddColumn<string>("status");
            t.AddColumn<long>("status_changes").NotNull();
            t.AddColumn<long>("heartbeats").NotNull();
            t.AddColumn<long>("rtt_sum").NotNull();
            t.AddColumn<int>("last_rtt");
            t.AddColumn("last_heartbeat_at", "timestamptz");
            t.AddColumn<long>("rotations").NotNull();
            t.AddColumn<long>("revocations").NotNull();
        }),
        NewTable(DropsTable, t =>
        {
            t.AddColumn<string>("node_id").AsPrimaryKey();
            t.AddColumn<string>("drop_id").AsPrimaryKey();
            t.AddColumn<long>("issued").NotNull();
            t.AddColumn<long>("uploaded").NotNull();
            t.AddColumn<long>("accepted").NotNull();
            t.AddColumn<long>("rejected").NotNull();
            t.AddColumn<long>("compensations").NotNull();
            t.AddColumn<long>("quota_allocated").NotNull();
            t.AddColumn<long>("quota_returned").NotNull();
        }),
        NewTable(RejectionsTable, t =>
        {
            t.AddColumn<string>("node_id").AsPrimaryKey();
            t.AddColumn<string>("drop_id").AsPrimaryKey();
            t.AddColumn<string>("reason").AsPrimaryKey();
            t.AddColumn<long>("vouchers").NotNull();
        }),
    ];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(NodeRegistered), typeof(HeartbeatReceived), typeof(NodeStatusChanged), typeof(NodeKeyRotated), typeof(NodeKeyRevoked),
        typeof(VoucherReceived), typeof(VoucherAccepted), typeof(VoucherRejected), typeof(QuotaAllocated), typeof(QuotaReturned),
    ];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var nodes = new Dictionary<string, NodeChange>();
        var drops = new Dictionary<(string Node, string Drop), DropChange>();
        var rejections = new Dictionary<(string Node, string Drop, string Reason), long>();
        NodeChange Node(string id) => nodes.TryGetValue(id, out var n) ? n : nodes[id] = new NodeChange();
        DropChange Drop(string node, string drop) => drops.TryGetValue((node, drop), out var d) ? d : drops[(node, drop)] = new DropChange();

        foreach (var e in events)
        {
            switch (e.Data)
            {
                case NodeRegistered r:
                    var registered = Node(r.NodeId);
                    (registered.Venue, registered.Label) = (r.Venue, r.Label);
                    registered.Status ??= Lower(Venues.NodeStatus.Offline);
                    break;
                case HeartbeatReceived h:
                    var beat = Node(IdOf(e.StreamKey));
                    beat.Heartbeats++;
                    beat.RttSum += h.RttMs;
                    (beat.LastRtt, beat.LastAt) = (h.RttMs, h.At.ToUniversalTime());
                    break;
                case NodeStatusChanged s:
                    var status = Node(IdOf(e.StreamKey));
                    status.StatusChanges++;
                    status.Status = Lower(s.To);
                    break;
                case NodeKeyRotated:
                    Node(IdOf(e.StreamKey)).Rotations++;
                    break;
                case NodeKeyRevoked:
                    Node(IdOf(e.StreamKey)).Revocations++;
                    break;
                case VoucherReceived v:
                    var received = Drop(IdOf(e.StreamKey), v.DropId);
                    received.Uploaded++;
                    received.Issued = Math.Max(received.Issued, v.Sequence);
                    break;
                case VoucherAccepted a:
                    Drop(IdOf(e.StreamKey), a.DropId).Accepted++;
                    break;
                case VoucherRejected j:
                    var rejected = Drop(IdOf(e.StreamKey), j.DropId);
                    rejected.Rejected++;
                    if (j.Remedy != NoRemedy) rejected.Compensations++;
                    var reason = (IdOf(e.StreamKey), j.DropId, j.Reason);
                    rejections[reason] = rejections.GetValueOrDefault(reason) + 1;
                    break;
                case QuotaAllocated q:
                    Drop(q.NodeId, IdOf(e.StreamKey)).Allocated += q.Tokens;
                    break;
                case QuotaReturned q:
                    Drop(q.NodeId, IdOf(e.StreamKey)).Returned += q.Tokens;
                    break;
            }
        }

        if (nodes.Count > 0)
        {
            var n = nodes.ToList();
            operations.QueueSqlCommand(
                $"insert into {Nodes} (node_id, venue, label, status, status_changes, heartbeats, rtt_sum, last_rtt, last_heartbeat_at, rotations, revocations) " +
                "select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::int[], ?::timestamptz[], ?::bigint[], ?::bigint[]) " +
                $"on conflict (node_id) do update set venue = coalesce(excluded.venue, {Nodes}.venue), label = coalesce(excluded.label, {Nodes}.label), " +
                $"status = coalesce(excluded.status, {Nodes}.status), status_changes = {Nodes}.status_changes + excluded.status_changes, " +
                $"heartbeats = {Nodes}.heartbeats + excluded.heartbeats, rtt_sum = {Nodes}.rtt_sum + excluded.rtt_sum, " +
                $"last_rtt = coalesce(excluded.last_rtt, {Nodes}.last_rtt), last_heartbeat_at = coalesce(excluded.last_heartbeat_at, {Nodes}.last_heartbeat_at), " +
                $"rotations = {Nodes}.rotations + excluded.rotations, revocations = {Nodes}.revocations + excluded.revocations",
                n.Select(x => x.Key).ToArray(), n.Select(x => x.Value.Venue).ToArray(), n.Select(x => x.Value.Label).ToArray(),
                n.Select(x => x.Value.Status).ToArray(), n.Select(x => x.Value.StatusChanges).ToArray(), n.Select(x => x.Value.Heartbeats).ToArray(),
                n.Select(x => x.Value.RttSum).ToArray(), n.Select(x => x.Value.LastRtt).ToArray(), n.Select(x => x.Value.LastAt).ToArray(),
                n.Select(x => x.Value.Rotations).ToArray(), n.Select(x => x.Value.Revocations).ToArray());
        }
        if (drops.Count > 0)
        {
            var d = drops.ToList();
            operations.QueueSqlCommand(
                $"insert into {Drops} (node_id, drop_id, issued, uploaded, accepted, rejected, compensations, quota_allocated, quota_returned) " +
                "select * from unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) " +
                $"on conflict (node_id, drop_id) do update set issued = greatest({Drops}.issued, excluded.issued), uploaded = {Drops}.uploaded + excluded.uploaded, " +
                $"accepted = {Drops}.accepted + excluded.accepted, rejected = {Drops}.rejected + excluded.rejected, " +
                $"compensations = {Drops}.compensations + excluded.compensations, quota_allocated = {Drops}.quota_allocated + excluded.quota_allocated, " +
                $"quota_returned = {Drops}.quota_returned + excluded.quota_returned",
                d.Select(x => x.Key.Node).ToArray(), d.Select(x => x.Key.Drop).ToArray(), d.Select(x => x.Value.Issued).ToArray(),
                d.Select(x => x.Value.Uploaded).ToArray(), d.Select(x => x.Value.Accepted).ToArray(), d.Select(x => x.Value.Rejected).ToArray(),
                d.Select(x => x.Value.Compensations).ToArray(), d.Select(x => x.Value.Allocated).ToArray(), d.Select(x => x.Value.Returned).ToArray());
        }
        if (rejections.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {Rejections} (node_id, drop_id, reason, vouchers) select * from unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) " +
                $"on conflict (node_id, drop_id, reason) do update set vouchers = {Rejections}.vouchers + excluded.vouchers",
                rejections.Keys.Select(k => k.Node).ToArray(), rejections.Keys.Select(k => k.Drop).ToArray(),
                rejections.Keys.Select(k => k.Reason).ToArray(), rejections.Values.ToArray());
        return Task.CompletedTask;
    }

    /// <summary>The registered node <paramref name="value"/>, or every registered node of venue <paramref name="value"/>, by node id.</summary>
    public async Task<List<NodeStats>> Read(NpgsqlConnection connection, NodeFilter filter, string value, long position, CancellationToken ct)
    {
        var where = filter == NodeFilter.Node ? "n.node_id = @value" : "n.venue = @value";
        await using var command = new NpgsqlCommand($"""
            select n.node_id, n.venue, n.label, n.status, n.status_changes, n.heartbeats, n.rtt_sum, n.last_rtt, n.last_heartbeat_at, n.rotations, n.revocations
            from {Nodes} n where {where} and n.venue is not null order by n.node_id;
            select d.node_id, d.drop_id, d.issued, d.uploaded, d.accepted, d.rejected, d.compensations, d.quota_allocated, d.quota_returned
            from {Drops} d join {Nodes} n on n.node_id = d.node_id where {where} order by d.node_id, d.drop_id;
            select r.node_id, r.drop_id, r.reason, r.vouchers
            from {Rejections} r join {Nodes} n on n.node_id = r.node_id where {where} order by r.reason;
            """, connection);
        command.Parameters.AddWithValue("value", value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<NodeStats>();
        while (await reader.ReadAsync(ct))
        {
            var heartbeats = reader.GetInt64(5);
            rows.Add(new NodeStats(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), heartbeats,
                reader.IsDBNull(7) ? null : reader.GetInt32(7), heartbeats == 0 ? null : Math.Round((double)reader.GetInt64(6) / heartbeats, 1),
                reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetFieldValue<DateTime>(8), TimeSpan.Zero),
                reader.GetInt64(9), reader.GetInt64(10), NoVouchers, new QuotaCounts(0, 0), [], position));
        }
        await reader.NextResultAsync(ct);
        var perDrop = new List<(string Node, string Drop, long[] Counts)>();
        while (await reader.ReadAsync(ct))
            perDrop.Add((reader.GetString(0), reader.GetString(1), [.. Enumerable.Range(2, 7).Select(reader.GetInt64)]));
        await reader.NextResultAsync(ct);
        var reasons = new List<(string Node, string Drop, string Reason, long Vouchers)>();
        while (await reader.ReadAsync(ct)) reasons.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));

        return rows.Select(node =>
        {
            var drops = perDrop.Where(d => d.Node == node.NodeId).Select(d =>
            {
                var byReason = reasons.Where(r => r.Node == node.NodeId && r.Drop == d.Drop).ToDictionary(r => r.Reason, r => r.Vouchers);
                var c = d.Counts;
                return new NodeDropStats(d.Drop, new VoucherCounts(c[0], c[1], c[2], c[3], byReason, c[4]), new QuotaCounts(c[5], c[6]));
            }).ToList();
            return node with { Vouchers = Sum(drops.Select(d => d.Vouchers)), Quota = Sum(drops.Select(d => d.Quota)), Drops = drops };
        }).ToList();
    }

    public static VenueStats Venue(string venue, IReadOnlyList<NodeStats> nodes, long position)
    {
        var heartbeats = nodes.Sum(n => n.Heartbeats);
        var rttSum = nodes.Sum(n => (n.MeanRttMs ?? 0) * n.Heartbeats);
        return new VenueStats(venue,
            nodes.GroupBy(n => n.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count()),
            heartbeats, heartbeats == 0 ? null : Math.Round(rttSum / heartbeats, 1),
            nodes.Sum(n => n.StatusChanges), nodes.Sum(n => n.KeyRotations), nodes.Sum(n => n.KeyRevocations),
            Sum(nodes.Select(n => n.Vouchers)), Sum(nodes.Select(n => n.Quota)), nodes, position);
    }

    private static readonly VoucherCounts NoVouchers = new(0, 0, 0, 0, new Dictionary<string, long>(), 0);

    private static VoucherCounts Sum(IEnumerable<VoucherCounts> counts) => counts.Aggregate(NoVouchers, (a, b) => new VoucherCounts(
        a.Issued + b.Issued, a.Uploaded + b.Uploaded, a.Accepted + b.Accepted, a.Rejected + b.Rejected,
        a.RejectedByReason.Concat(b.RejectedByReason).GroupBy(r => r.Key).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Value)),
        a.Compensations + b.Compensations));

    private static QuotaCounts Sum(IEnumerable<QuotaCounts> counts) =>
        counts.Aggregate(new QuotaCounts(0, 0), (a, b) => new QuotaCounts(a.Allocated + b.Allocated, a.Returned + b.Returned));

    private static string Lower(Venues.NodeStatus status) => status.ToString().ToLowerInvariant();

    private sealed class NodeChange
    {
        public string? Venue, Label, Status;
        public long StatusChanges, Heartbeats, RttSum, Rotations, Revocations;
        public int? LastRtt;
        public DateTimeOffset? LastAt;
    }

    private sealed class DropChange
    {
        public long Issued, Uploaded, Accepted, Rejected, Compensations, Allocated, Returned;
    }
}

/// <summary>Which nodes a stats query reads: one node by id, or every node of a venue.</summary>
public enum NodeFilter { Node, Venue }
