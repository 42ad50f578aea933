using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Venues.Events;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace MicroEvents.Venues;

/// <summary>
/// The venue node actor: a thin shell around <see cref="NodeDecisions"/> and <see cref="VoucherDecisions"/> on
/// <c>node/{id}</c>. Its status is derived from the last heartbeat and the thresholds against the injected clock on
/// every read; a durable reminder also records each change as an event, so a node that goes silent is marked offline
/// on its stream (and in metrics) even if nothing reads it. Quota lives on the drop; the node only mirrors
/// which drops it serves and asks the drop for the numbers.
/// </summary>
public sealed partial class VenueNodeGrain(EventJournal journal, TimeProvider clock, IOptions<NodeThresholds> thresholds,
    IOptions<ReminderOptions> reminders, VenueMetrics metrics, Claims.CustodyAccount custody)
    : EventSourcedGrain<NodeState, NodeEvent>(journal, clock), IVenueNodeGrain, IRemindable
{
    private const string StatusReminder = "status";

    protected override string Kind => "node";

    private NodeThresholds Limits => thresholds.Value;
    private DateTimeOffset Now => Clock.GetUtcNow();
    private string Id => this.GetPrimaryKeyString();

    public async Task<bool> Register(RegisterNode registration)
    {
        var created = await Execute(s => NodeDecisions.Register(s, registration with { NodeId = Id }, Now));
        // After the node's own event, so a retry of a registration whose venue step failed completes it.
        await GrainFactory.GetGrain<IVenueGrain>(Confirmed.Registration!.Venue).Add(Id);
        await WatchStatus();
        return created;
    }

    public async Task<NodeView> Heartbeat(NodeHeartbeat heartbeat)
    {
        var before = (await Stored()).Status;
        var status = await Execute(s => NodeDecisions.Heartbeat(s, heartbeat, Now, Limits));
        // Recorded once the heartbeat is durable, where its status was decided.
        metrics.HeartbeatRtt.Record(heartbeat.RttMs / 1000.0);
        Counted(before, status);
        return await GetView();
    }

    public async Task<NodeView> EvaluateStatus()
    {
        var before = (await Stored()).Status;
        Counted(before, await Execute(s => NodeDecisions.Evaluate(s, Now, Limits)));
        return await GetView();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == StatusReminder) await EvaluateStatus();
    }

    // Orleans refuses reminder periods under its minimum (a minute unless configured): check at least that often.
    private Task WatchStatus()
    {
        var every = Limits.StatusCheckEvery < reminders.Value.MinimumReminderPeriod ? reminders.Value.MinimumReminderPeriod : Limits.StatusCheckEvery;
        return this.RegisterOrUpdateReminder(StatusReminder, every, every);
    }

    private void Counted(NodeStatus before, NodeStatus after)
    {
        if (before != after) metrics.StatusChanges.Add(1, new KeyValuePair<string, object?>("status", after.ToString().ToLowerInvariant()));
    }

    public async Task<string?> GetActiveKey()
    {
        var state = await Stored();
        return state.Registration is null ? null : state.ActiveKey(Now)?.Address;
    }

    public async Task<NodeView> GetView()
    {
        var state = NodeDecisions.Existing(await Stored());
        var r = state.Registration!;
        var h = state.LastHeartbeat;
        var p = state.LastPreflight;
        // Lateness is a matter of the clock, not of when the reminder last ticked: the status is derived on every read.
        var status = NodeDecisions.StatusOf(state, Now, Limits).Status;
        return new NodeView(r.NodeId, r.Venue, r.Label, status, state.ActiveKey(Now)?.Address, h?.At, h?.RttMs, h?.ClockOffsetMs,
            h?.QueueDepth, h?.AppVersion, await Quotas(state), p is null ? null : new PreflightReport(p.Passed, p.Items, p.At),
            [.. state.Keys.Select(k => k.View)], r.RegisteredAt);
    }

    private async Task<IReadOnlyList<NodeQuotaView>> Quotas(NodeState state) =>
        await Task.WhenAll(state.Drops.Select(d => GrainFactory.GetGrain<IDropGrain>(d).GetQuota(Id)));

    public async Task<NodeView> RotateKey(KeyRotation rotation)
    {
        var from = (await Stored()).ActiveKey(Now);
        if (await Execute(s => NodeDecisions.Rotate(s, rotation, Now)) && from is not null)
        {
            metrics.Rotations.Add(1);
            metrics.KeyAge.Record((Now - from.ActiveFrom).TotalSeconds, new KeyValuePair<string, object?>("event", "rotated"));
        }
        return await GetView();
    }

    public async Task<NodeView> RevokeKey(KeyRevocation revocation, string? by = null)
    {
        if (await Execute(s => NodeDecisions.Revoke(s, revocation, Now, by)))
        {
            metrics.Revocations.Add(1);
            var key = Confirmed.Keys.First(k => NodeState.SameAddress(k.Address, revocation.Address));
            metrics.KeyAge.Record(((key.ActiveUntil ?? Now) - key.ActiveFrom).TotalSeconds, new KeyValuePair<string, object?>("event", "revoked"));
        }
        // Listed after the node's own event, and again on a retry, so the list never misses a revocation.
        var revoked = Confirmed.Keys.First(k => NodeState.SameAddress(k.Address, revocation.Address));
        await GrainFactory.GetGrain<IRevocationListGrain>(IRevocationListGrain.Key)
            .Add(new RevocationEntry(Id, revoked.Address, revoked.RevocationReason!, revoked.RevokedFrom!.Value, Now));
        return await GetView();
    }

    public async Task<NodeQuotaView> AllocateQuota(QuotaRequest request)
    {
        NodeDecisions.Existing(await Stored());
        var quota = await GrainFactory.GetGrain<IDropGrain>(request.DropId).AllocateQuota(Id, request.AllocationId, request.Tokens);
        await Execute(s => NodeDecisions.QuotaAllocated(s, request, Now));
        return quota;
    }

    public async Task<NodeQuotaView> ReturnQuota(QuotaReturn request)
    {
        var state = NodeDecisions.Existing(await Stored());
        if (!state.Drops.Contains(request.DropId))
            throw new Rejected(VenueRejectionCodes.NoQuotaHeld, $"Node '{Id}' holds no quota of '{request.DropId}'.");
        return await GrainFactory.GetGrain<IDropGrain>(request.DropId).ReturnQuota(Id, request.Tokens);
    }
}
