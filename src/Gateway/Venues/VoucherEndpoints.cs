using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using MicroEvents.Venues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using static MicroEvents.Gateway.Venues.VenueGateway;

namespace MicroEvents.Gateway.Venues;

/// <summary>Offline vouchers: upload and reconciliation, reports per node and per drop, compensations, QR codes.</summary>
public static class VoucherEndpoints
{
    public static IEndpointRouteBuilder MapVouchers(this IEndpointRouteBuilder app)
    {
        var nodes = app.MapGroup("/nodes").WithTags("Venues");

        nodes.MapPost("/{id}/vouchers", ([FromBody] VoucherUpload? body, string id, IGrainFactory grains) => Node(grains, id).Upload(RequestBody.Required(body)))
            .WithName("UploadVouchers").WithSummary("Upload a chunk of offline vouchers (idempotent: a voucher sent again is counted as known); complete=true reconciles them")
            .Produces<UploadReceipt>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415)
            .RequireNode();

        nodes.MapGet("/{id}/vouchers/report", (string id, string? dropId, IGrainFactory grains) => Node(grains, id).GetReports(dropId))
            .WithName("GetNodeVoucherReport").WithSummary("Reconciliation per drop of this node: issued, redeemed, pending, rejected by reason, quota allocated/returned/held")
            .Produces<IReadOnlyList<ReconciliationReport>>().ProducesProblem(404)
            .RequireAnalyst();

        nodes.MapGet("/{id}/vouchers/{voucherId}", (string id, string voucherId, IGrainFactory grains) => Node(grains, id).GetVoucherOutcomes(voucherId))
            .WithName("GetVoucher").WithSummary("What became of a voucher id: redeemed (with token), rejected (with reason and compensation) or pending; a clash lists each copy")
            .Produces<IReadOnlyList<VoucherOutcome>>().ProducesProblem(404)
            .RequireAnalyst();

        nodes.MapGet("/{id}/compensations", (string id, IGrainFactory grains) => Node(grains, id).GetCompensations())
            .WithName("GetCompensations").WithSummary("Attendees owed something for a rejected voucher: waitlist position or refund flag")
            .Produces<IReadOnlyList<CompensationRecord>>().ProducesProblem(404)
            .RequireOperator();

        app.MapGet("/drops/{id}/vouchers/report", async (string id, IGrainFactory grains) =>
            {
                var nodeIds = await grains.GetGrain<IDropGrain>(DropId.Existing(id)).GetQuotaNodes();
                var reports = (await Task.WhenAll(nodeIds.Select(n => grains.GetGrain<IVenueNodeGrain>(n).GetReports(id)))).SelectMany(r => r).ToList();
                return new DropVoucherReport(id, reports.Sum(r => r.Issued), reports.Sum(r => r.Redeemed), reports.Sum(r => r.Pending),
                    reports.SelectMany(r => r.RejectedByReason).GroupBy(kv => kv.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value)),
                    reports.Sum(r => r.QuotaAllocated), reports.Sum(r => r.QuotaReturned), reports.Sum(r => r.QuotaHeld), reports);
            })
            .WithTags("Venues")
            .WithName("GetDropVoucherReport").WithSummary("Reconciliation of a drop's vouchers over every node that held quota of it")
            .Produces<DropVoucherReport>().ProducesProblem(404)
            .RequireDropReader();

        app.MapGet("/vouchers/{id}/qr", async (string id, string? node, string? format, IGrainFactory grains, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
            {
                var checks = new MicroEvents.Text.ClientText.Checks();
                if (!NodeId.IsValid(node)) checks.Fail("node", "the issuing node's id is required: " + NodeId.Rule);
                if (format is not (null or "png" or "svg")) checks.Fail("format", "must be png or svg");
                if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The QR request is invalid.", checks.Errors);
                if (!VoucherId.IsValid(id)) throw new Rejected(VenueRejectionCodes.VoucherNotFound, $"No voucher '{id}'.");
                var voucher = await grains.GetGrain<IVenueNodeGrain>(node!).GetVoucher(id);
                var payload = JsonSerializer.Serialize(voucher, json.Value.SerializerOptions);
                return format == "svg"
                    ? Results.Text(VoucherQr.Svg(payload), "image/svg+xml")
                    : Results.File(VoucherQr.Png(payload), "image/png");
            })
            .WithTags("Venues")
            .WithName("GetVoucherQr").WithSummary("An uploaded voucher as a QR code (PNG, or SVG with format=svg) of its signed JSON; ?node= names the issuing node")
            .Produces(StatusCodes.Status200OK, contentType: "image/png").ProducesProblem(400).ProducesProblem(404)
            .AllowPublic();

        return app;
    }
}
