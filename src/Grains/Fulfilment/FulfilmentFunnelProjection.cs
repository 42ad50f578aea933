using JasperFx.Events;
using Marten;
using MicroEvents.Fulfilment;
using MicroEvents.Fulfilment.Events;
using Npgsql;
using Weasel.Postgresql.Tables;

using MicroEvents.Projections;

namespace MicroEvents.Fulfilment;

/// <summary>
/// Which stages each fulfilment order (stream <c>order/{drop}/{token}</c>) reached, one row per order and
/// stage, so a stage counts each token once however often its event recurs (an order dead-lettered, retried
/// and dead-lettered again) and a replayed page changes nothing. Partner progress counts as reaching every
/// earlier partner stage too: a partner may report <c>shipped</c> without ever reporting <c>accepted</c>.
/// </summary>
public sealed class FulfilmentFunnelProjection(string schema) : TableProjection(schema)
{
    public const string ProjectionName = "fulfilment-funnel";
    private const string StagesTable = "proj_funnel_orders";

    public override string Name => ProjectionName;

    private string Stages => Qualified(StagesTable);

    public override IReadOnlyList<Table> Tables =>
    [
        NewTable(StagesTable, t =>
        {
            t.AddColumn<string>("drop_id").AsPrimaryKey();
            t.AddColumn<string>("stage").AsPrimaryKey();
            t.AddColumn<long>("token").AsPrimaryKey();
        }),
    ];

    private static readonly (string Status, string Stage)[] PartnerStages =
        [(OrderStatus.Accepted, FunnelStages.Accepted), (OrderStatus.Shipped, FunnelStages.Shipped), (OrderStatus.Delivered, FunnelStages.Delivered)];

    public override IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(FulfilmentRequested), typeof(FulfilmentUnmapped), typeof(DetailsProvided), typeof(FulfilmentCancelled), typeof(FulfilmentSubmitted),
        typeof(FulfilmentDeadLettered), typeof(ReturnRequested), typeof(PartnerStatusReported),
    ];

    public override Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var reached = new HashSet<(string Drop, string Stage, long Token)>();
        foreach (var e in events)
        {
            if (e.Data is not OrderEvent || !OrderKey.Stream.TryParse(e.StreamKey, out var key)) continue;
            var (drop, token) = OrderKey.Parse(key);
            foreach (var stage in StagesOf(e.Data)) reached.Add((drop, stage, token));
        }
        if (reached.Count > 0)
            operations.QueueSqlCommand(
                $"insert into {Stages} (drop_id, stage, token) select * from unnest(?::text[], ?::text[], ?::bigint[]) on conflict do nothing",
                reached.Select(r => r.Drop).ToArray(), reached.Select(r => r.Stage).ToArray(), reached.Select(r => r.Token).ToArray());
        return Task.CompletedTask;
    }

    private static IEnumerable<string> StagesOf(object data) => data switch
    {
        FulfilmentRequested => [FunnelStages.MerchMinted, FunnelStages.Ordered],
        FulfilmentUnmapped => [FunnelStages.MerchMinted, FunnelStages.Unmapped],
        DetailsProvided => [FunnelStages.Details],
        FulfilmentCancelled => [FunnelStages.Cancelled],
        FulfilmentSubmitted => [FunnelStages.Sent],
        FulfilmentDeadLettered => [FunnelStages.DeadLettered],
        ReturnRequested => [FunnelStages.ReturnRequested],
        PartnerStatusReported { Status: OrderStatus.Exception } => [FunnelStages.Exception],
        PartnerStatusReported r => PartnerStages.Where(p => OrderStatus.Rank(p.Status) <= OrderStatus.Rank(r.Status)).Select(p => p.Stage)
            .Concat(r.Status == OrderStatus.Returned ? [FunnelStages.Returned] : []),
        _ => [],
    };

    public async Task<List<FunnelStage>> Read(NpgsqlConnection connection, string dropId, CancellationToken ct)
    {
        var counts = new Dictionary<string, long>();
        await using (var command = new NpgsqlCommand($"select stage, count(*) from {Stages} where drop_id = @drop group by stage", connection))
        {
            command.Parameters.AddWithValue("drop", dropId);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return FunnelStages.All.Select(s =>
        {
            var orders = counts.GetValueOrDefault(s.Stage);
            var of = s.Of is null ? 0 : counts.GetValueOrDefault(s.Of);
            return new FunnelStage(s.Stage, orders, s.Of, of == 0 ? null : Math.Round((double)orders / of, 4));
        }).ToList();
    }
}
