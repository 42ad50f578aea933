using System.Collections.Immutable;
using MicroEvents.EventSourcing;
using MicroEvents.Signatures.Venues;
using MicroEvents.Venues.Events;

namespace MicroEvents.Venues;

/// <summary>A venue node as the fold of its stream <c>node/{id}</c>.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeState : IEventFold<NodeState, NodeEvent>
{
    public static NodeState Initial => new();

    [Id(0)] public NodeRegistered? Registration { get; init; }

    /// <summary>Every key the node ever had, oldest first; the last one not superseded is current.</summary>
    [Id(1)] public ImmutableList<NodeKey> Keys { get; init; } = [];

    [Id(2)] public HeartbeatReceived? LastHeartbeat { get; init; }

    [Id(3)] public NodeStatus Status { get; init; } = NodeStatus.Offline;

    /// <summary>Drops this node holds quota of, and so serves (primes, issues vouchers for).</summary>
    [Id(4)] public ImmutableSortedSet<string> Drops { get; init; } = [];

    [Id(5)] public ImmutableHashSet<string> AllocationIds { get; init; } = [];

    [Id(6)] public PreflightRecorded? LastPreflight { get; init; }

    /// <summary>Every voucher uploaded, by digest (the same voucher uploaded twice is one entry).</summary>
    [Id(7)] public ImmutableDictionary<string, NodeVoucher> Vouchers { get; init; } = ImmutableDictionary<string, NodeVoucher>.Empty;

    public NodeState Apply(NodeEvent e) => e switch
    {
        NodeRegistered r => this with { Registration = r, Keys = [new NodeKey(r.KeyAddress, r.RegisteredAt, null, null, null)] },
        HeartbeatReceived h => this with { LastHeartbeat = h },
        NodeStatusChanged s => this with { Status = s.To },
        NodeKeyRotated r => this with
        {
            Keys = Keys.Select(k => k.ActiveUntil is null ? k with { ActiveUntil = r.At } : k).ToImmutableList()
                .Add(new NodeKey(r.NewAddress, r.At, null, null, null)),
        },
        NodeKeyRevoked r => this with
        {
            Keys = Keys.Select(k => SameAddress(k.Address, r.Address) && k.RevokedFrom is null
                ? k with { RevokedFrom = r.EffectiveAt, RevocationReason = r.Reason } : k).ToImmutableList(),
        },
        NodeQuotaAllocated q => this with { Drops = Drops.Add(q.DropId), AllocationIds = AllocationIds.Add(q.AllocationId) },
        PreflightRecorded p => this with { LastPreflight = p },
        VoucherReceived v => this with { Vouchers = Vouchers.SetItem(v.Digest, new NodeVoucher(v, null, null, null, null)) },
        VoucherAccepted a when Vouchers.TryGetValue(a.Digest, out var v) => this with
        {
            Vouchers = Vouchers.SetItem(a.Digest, v with { Outcome = VoucherOutcomes.Redeemed, TokenNumber = a.TokenNumber }),
        },
        VoucherRejected r when Vouchers.TryGetValue(r.Digest, out var v) => this with
        {
            Vouchers = Vouchers.SetItem(r.Digest, v with
            {
                Outcome = VoucherOutcomes.Rejected, Reason = r.Reason,
                Compensation = r.Remedy == "none" ? null : new Compensation(r.Remedy, r.WaitlistPosition, r.Remedy == "refund"),
            }),
        },
        _ => this,
    };

    public string NodeId => Registration!.NodeId;

    /// <summary>The key that signs now: the newest, unless its revocation has taken effect.</summary>
    public NodeKey? ActiveKey(DateTimeOffset now) =>
        Keys.LastOrDefault() is { ActiveUntil: null } k && (k.RevokedFrom is null || k.RevokedFrom > now) ? k : null;

    /// <summary>The key that was current at <paramref name="t"/> (voucher times are whole seconds).</summary>
    public NodeKey? KeyAt(string address, DateTimeOffset t) =>
        Keys.FirstOrDefault(k => SameAddress(k.Address, address) && NodeMessages.ToSeconds(k.ActiveFrom) <= t && (k.ActiveUntil is null || t < k.ActiveUntil));

    public NodeKey? Key(string address) => Keys.FirstOrDefault(k => SameAddress(k.Address, address));

    public static bool SameAddress(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

[GenerateSerializer, Immutable]
public sealed record NodeKey(
    [property: Id(0)] string Address,
    [property: Id(1)] DateTimeOffset ActiveFrom,
    [property: Id(2)] DateTimeOffset? ActiveUntil,
    [property: Id(3)] DateTimeOffset? RevokedFrom,
    [property: Id(4)] string? RevocationReason)
{
    public NodeKeyView View => new(Address, ActiveFrom, ActiveUntil, RevokedFrom, RevocationReason);
}

/// <summary>An uploaded voucher and, once reconciled, its outcome.</summary>
[GenerateSerializer, Immutable]
public sealed record NodeVoucher(
    [property: Id(0)] VoucherReceived Received,
    [property: Id(1)] string? Outcome,
    [property: Id(2)] long? TokenNumber,
    [property: Id(3)] string? Reason,
    [property: Id(4)] Compensation? Compensation)
{
    public bool Pending => Outcome is null;

    public VoucherOutcome View => new(Received.VoucherId, Received.DropId, Received.Sequence, Outcome ?? VoucherOutcomes.Pending, TokenNumber, Reason, Compensation);
}

public static class VoucherOutcomes
{
    public const string Pending = "pending";
    public const string Redeemed = "redeemed";
    public const string Rejected = "rejected";
}
