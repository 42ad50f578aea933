using System.Collections.Immutable;
using MicroEvents.EventSourcing;
using MicroEvents.Settlement.Events;

namespace MicroEvents.Settlement;

/// <summary>The fold of a settlement stream: the contract, every root it knows, the transactions in flight by nonce.</summary>
[GenerateSerializer, Immutable]
public sealed record SettlementState(
    [property: Id(0)] string? Contract,
    [property: Id(1)] ImmutableDictionary<string, AnchorView> Anchors,
    [property: Id(2)] ImmutableDictionary<long, InFlightTx> InFlight,
    [property: Id(3)] long NextNonce,
    [property: Id(4)] string? PauseReason,
    [property: Id(5)] ImmutableList<string> Order,
    [property: Id(6)] ImmutableDictionary<string, DeliveryView> Deliveries,
    [property: Id(7)] ImmutableList<string> DeliveryOrder,
    [property: Id(8)] ImmutableHashSet<long> RefusedFillers) : IEventFold<SettlementState, SettlementEvent>
{
    public static SettlementState Initial => new(null, ImmutableDictionary<string, AnchorView>.Empty,
        ImmutableDictionary<long, InFlightTx>.Empty, 0, null, ImmutableList<string>.Empty,
        ImmutableDictionary<string, DeliveryView>.Empty, ImmutableList<string>.Empty, ImmutableHashSet<long>.Empty);

    public static string DeliveryKeyOf(string dropId, string claimId) => $"{dropId}|{claimId}";

    public IEnumerable<DeliveryView> QueuedDeliveries => DeliveryOrder.Select(k => Deliveries[k]).Where(d => d.State == AnchorStates.Queued);

    public static string KeyOf(string dropId, string root) => $"{dropId}|{root.ToLowerInvariant()}";

    public bool Paused => PauseReason is not null;

    public IEnumerable<AnchorView> Queued => Order.Select(k => Anchors[k]).Where(a => a.State == AnchorStates.Queued);

    /// <summary>
    /// The nonce the next transaction takes: the lowest the chain has not spent and no transaction in flight holds.
    /// A nonce the node refused is below the highest in flight and free again, so it is reused first.
    /// </summary>
    public long FreeNonce(long spentNonces)
    {
        var nonce = spentNonces;
        while (InFlight.ContainsKey(nonce)) nonce++;
        return nonce;
    }

    /// <summary>Unspent nonces below a transaction in flight that nothing holds: that transaction cannot be mined until each is spent.</summary>
    public IEnumerable<long> Gaps(long spentNonces)
    {
        if (InFlight.IsEmpty) yield break;
        var highest = InFlight.Keys.Max();
        for (var n = spentNonces; n < highest; n++)
            if (!InFlight.ContainsKey(n)) yield return n;
    }

    public SettlementState Apply(SettlementEvent e) => e switch
    {
        ContractDeployed x => this with { Contract = x.Contract },
        AnchorQueued x => Anchors.ContainsKey(KeyOf(x.DropId, x.Root)) ? this : this with
        {
            Anchors = Anchors.SetItem(KeyOf(x.DropId, x.Root),
                new AnchorView(x.DropId, x.Root, x.FirstToken, x.LastToken, AnchorStates.Queued, null, null, null, null, null)),
            Order = Order.Add(KeyOf(x.DropId, x.Root)),
        },
        TxSubmitted x => this with
        {
            Anchors = Update(x.DropId, x.Root, a => a with { State = AnchorStates.Submitted, Nonce = x.Nonce, TxHash = x.TxHash }),
            InFlight = InFlight.SetItem(x.Nonce, new InFlightTx(x.Nonce, x.DropId, x.Root, x.TxHash, [x.TxHash], x.MaxFeePerGas,
                x.MaxPriorityFeePerGas, x.GasLimit, x.RawTransaction, x.SubmittedAt)),
            NextNonce = Math.Max(NextNonce, x.Nonce + 1),
        },
        NonceGapFilled x => this with
        {
            InFlight = InFlight.SetItem(x.Nonce, new InFlightTx(x.Nonce, "", "", x.TxHash, [x.TxHash], x.MaxFeePerGas,
                x.MaxPriorityFeePerGas, x.GasLimit, x.RawTransaction, x.SubmittedAt)),
            NextNonce = Math.Max(NextNonce, x.Nonce + 1),
        },
        AnchorRetried x => this with
        {
            Anchors = Update(x.DropId, x.Root, a => a.State == AnchorStates.Failed
                ? a with { State = AnchorStates.Queued, Nonce = null, TxHash = null, FailureReason = null }
                : a),
        },
        DeliveryQueued x => Deliveries.ContainsKey(DeliveryKeyOf(x.DropId, x.ClaimId)) ? this : this with
        {
            Deliveries = Deliveries.SetItem(DeliveryKeyOf(x.DropId, x.ClaimId),
                new DeliveryView(x.DropId, x.ClaimId, x.Wallet, AnchorStates.Queued, null, null, null, null)),
            DeliveryOrder = DeliveryOrder.Add(DeliveryKeyOf(x.DropId, x.ClaimId)),
        },
        DeliveryRetried x => this with
        {
            Deliveries = Deliver(x.DropId, x.ClaimId, d => d.State == AnchorStates.Failed
                ? d with { State = AnchorStates.Queued, Nonce = null, TxHash = null, FailureReason = null }
                : d),
        },
        DeliverySubmitted x => this with
        {
            Deliveries = Deliver(x.DropId, x.ClaimId, d => d with { State = AnchorStates.Submitted, Nonce = x.Nonce, TxHash = x.TxHash }),
            InFlight = InFlight.SetItem(x.Nonce, new InFlightTx(x.Nonce, x.DropId, "", x.TxHash, [x.TxHash], x.MaxFeePerGas,
                x.MaxPriorityFeePerGas, x.GasLimit, x.RawTransaction, x.SubmittedAt, x.ClaimId)),
            NextNonce = Math.Max(NextNonce, x.Nonce + 1),
        },
        DeliveryFoundOnChain x => this with
        {
            Deliveries = Deliver(x.DropId, x.ClaimId, d => d with { State = AnchorStates.Delivered }),
            InFlight = InFlight.Where(t => !(t.Value.DropId == x.DropId && t.Value.ClaimId == x.ClaimId)).ToImmutableDictionary(),
        },
        TxReplaced x when InFlight.TryGetValue(x.Nonce, out var tx) => this with
        {
            Anchors = Update(tx.DropId, tx.Root, a => a with { TxHash = x.TxHash }),
            Deliveries = tx.ClaimId is { } replacedClaim ? Deliver(tx.DropId, replacedClaim, d => d with { TxHash = x.TxHash }) : Deliveries,
            InFlight = InFlight.SetItem(x.Nonce, tx with
            {
                TxHash = x.TxHash, Hashes = tx.Hashes.Add(x.TxHash), MaxFeePerGas = x.MaxFeePerGas,
                MaxPriorityFeePerGas = x.MaxPriorityFeePerGas, RawTransaction = x.RawTransaction, SentAt = x.ReplacedAt,
            }),
        },
        TxConfirmed x when InFlight.TryGetValue(x.Nonce, out var tx) => this with
        {
            Anchors = Update(tx.DropId, tx.Root, a => a with { State = AnchorStates.Anchored, TxHash = x.TxHash, Block = x.BlockNumber, BlockHash = x.BlockHash }),
            Deliveries = tx.ClaimId is { } confirmedClaim
                ? Deliver(tx.DropId, confirmedClaim, d => d with { State = AnchorStates.Delivered, TxHash = x.TxHash, Block = x.BlockNumber })
                : Deliveries,
            InFlight = InFlight.Remove(x.Nonce),
        },
        TxFailed x when InFlight.TryGetValue(x.Nonce, out var tx) => this with
        {
            Anchors = Update(tx.DropId, tx.Root, a => x.Requeued
                ? a with { State = AnchorStates.Queued, Nonce = null, TxHash = null }
                : a with { State = AnchorStates.Failed, FailureReason = x.Reason }),
            Deliveries = tx.ClaimId is { } failedClaim
                ? Deliver(tx.DropId, failedClaim, d => x.Requeued
                    ? d with { State = AnchorStates.Queued, Nonce = null, TxHash = null }
                    : d with { State = AnchorStates.Failed, FailureReason = x.Reason })
                : Deliveries,
            InFlight = InFlight.Remove(x.Nonce),
            // A filler the node refused is not tried again at that nonce: no endless loop of refused fillers.
            RefusedFillers = tx.IsGapFiller && x.Reason.StartsWith(SettlementDecisions.RefusedPrefix, StringComparison.Ordinal)
                ? RefusedFillers.Add(x.Nonce) : RefusedFillers,
        },
        AnchorFoundOnChain x => this with
        {
            Anchors = Update(x.DropId, x.Root, a => a with { State = AnchorStates.Anchored }),
            InFlight = InFlight.Where(t => !(t.Value.DropId == x.DropId && SameRoot(t.Value.Root, x.Root))).ToImmutableDictionary(),
        },
        SettlementPaused x => this with { PauseReason = x.Reason },
        SettlementResumed => this with { PauseReason = null },
        _ => this,
    };

    private ImmutableDictionary<string, AnchorView> Update(string dropId, string root, Func<AnchorView, AnchorView> change) =>
        Anchors.TryGetValue(KeyOf(dropId, root), out var anchor) ? Anchors.SetItem(KeyOf(dropId, root), change(anchor)) : Anchors;

    private ImmutableDictionary<string, DeliveryView> Deliver(string dropId, string claimId, Func<DeliveryView, DeliveryView> change) =>
        Deliveries.TryGetValue(DeliveryKeyOf(dropId, claimId), out var d) ? Deliveries.SetItem(DeliveryKeyOf(dropId, claimId), change(d)) : Deliveries;

    private static bool SameRoot(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A transaction sent and not yet final; <see cref="Hashes"/> holds the original and every replacement (any of them may be mined).</summary>
[GenerateSerializer, Immutable]
public sealed record InFlightTx(
    [property: Id(0)] long Nonce,
    [property: Id(1)] string DropId,
    [property: Id(2)] string Root,
    [property: Id(3)] string TxHash,
    [property: Id(4)] ImmutableList<string> Hashes,
    [property: Id(5)] string MaxFeePerGas,
    [property: Id(6)] string MaxPriorityFeePerGas,
    [property: Id(7)] long GasLimit,
    [property: Id(8)] string RawTransaction,
    [property: Id(9)] DateTimeOffset SentAt,
    [property: Id(10)] string? ClaimId = null)
{
    /// <summary>A 0-value self-transfer spending a refused nonce (<see cref="NonceGapFilled"/>), not an anchor.</summary>
    public bool IsGapFiller => Root.Length == 0 && ClaimId is null;

    /// <summary>A custodial hand-off's <c>claimHandedOff</c> (<see cref="DeliverySubmitted"/>), not an anchor.</summary>
    public bool IsDelivery => ClaimId is not null;
}
