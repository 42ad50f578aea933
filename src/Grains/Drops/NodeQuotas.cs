using System.Collections.Immutable;
using MicroEvents.Drops.Events;
using MicroEvents.Venues;

namespace MicroEvents.Drops;

/// <summary>
/// The tokens a drop reserved for venue nodes: per node allocated, returned and redeemed. Reserved tokens
/// count against supply for online claims, so online mints and voucher mints together never exceed it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeQuotas(
    [property: Id(0)] ImmutableSortedDictionary<string, NodeQuota> ByNode,
    [property: Id(1)] ImmutableHashSet<string> AllocationIds)
{
    public static NodeQuotas Empty => new(ImmutableSortedDictionary<string, NodeQuota>.Empty, []);

    /// <summary>Tokens still held for vouchers, over all nodes.</summary>
    public long Reserved => ByNode.Values.Sum(q => q.Held);

    public NodeQuota Of(string nodeId) => ByNode.GetValueOrDefault(nodeId) ?? NodeQuota.None;

    public NodeQuotaView View(string dropId, string nodeId)
    {
        var q = Of(nodeId);
        return new NodeQuotaView(dropId, q.Allocated, q.Returned, q.Redeemed, q.Held);
    }

    public NodeQuotas Apply(DropEvent e) => e switch
    {
        QuotaAllocated a => new(ByNode.SetItem(a.NodeId, Of(a.NodeId) with { Allocated = Of(a.NodeId).Allocated + a.Tokens }),
            AllocationIds.Add(a.AllocationId)),
        QuotaReturned r => this with { ByNode = ByNode.SetItem(r.NodeId, Of(r.NodeId) with { Returned = Of(r.NodeId).Returned + r.Tokens }) },
        VoucherRedeemed v => this with { ByNode = ByNode.SetItem(v.NodeId, Of(v.NodeId) with { Redeemed = Of(v.NodeId).Redeemed + 1 }) },
        _ => this,
    };
}

[GenerateSerializer, Immutable]
public sealed record NodeQuota(
    [property: Id(0)] long Allocated,
    [property: Id(1)] long Returned,
    [property: Id(2)] long Redeemed)
{
    public static NodeQuota None => new(0, 0, 0);

    public long Held => Allocated - Returned - Redeemed;
}
