using MicroEvents.Receipts;
using MicroEvents.Settlement.Chain;

namespace MicroEvents.Settlement;

/// <summary>
/// What one settlement round saw of the chain, gathered before anything is decided (<see cref="ChainObserver"/>):
/// the facts <see cref="SettlementPlanner"/> plans from. Nothing in it is fetched while planning.
/// </summary>
/// <param name="Contract">The contract to use, or null when none is usable and one must be deployed.</param>
/// <param name="SpentNonces">The signer's mined transaction count: every nonce below it is spent.</param>
/// <param name="Transactions">What became of each transaction in flight, by nonce.</param>
/// <param name="Anchored">For each root asked about (<see cref="SettlementState.KeyOf"/>), whether the contract holds it.</param>
/// <param name="Deliveries">What a hand-off delivery rests on, by <see cref="SettlementState.DeliveryKeyOf"/>.</param>
public sealed record ChainView(
    string? Contract,
    long Head,
    long SpentNonces,
    FeeQuote Fees,
    IReadOnlyDictionary<long, TxSighting> Transactions,
    IReadOnlyDictionary<string, bool> Anchored,
    IReadOnlyDictionary<string, DeliverySighting> Deliveries)
{
    public bool IsAnchored(string dropId, string root) => Anchored.GetValueOrDefault(SettlementState.KeyOf(dropId, root));

    /// <summary>Whether the round asked the contract about this root; one it did not ask about waits for a later round.</summary>
    public bool Asked(string dropId, string root) => Anchored.ContainsKey(SettlementState.KeyOf(dropId, root));

    /// <summary>No usable contract: the only step is to deploy one.</summary>
    public static ChainView WithoutContract => new(null, 0, 0, new FeeQuote(0, 0, 0), new Dictionary<long, TxSighting>(),
        new Dictionary<string, bool>(), new Dictionary<string, DeliverySighting>());

    public TxSighting Sighting(long nonce) => Transactions.GetValueOrDefault(nonce) ?? TxSighting.Unseen;

    public DeliverySighting? Delivery(string dropId, string claimId) => Deliveries.GetValueOrDefault(SettlementState.DeliveryKeyOf(dropId, claimId));
}

/// <summary>A transaction in flight as the node sees it: mined (in a block still canonical or not), or known to its pool.</summary>
public sealed record TxSighting(MinedTx? Mined, bool Canonical, bool Known)
{
    public static readonly TxSighting Unseen = new(null, false, false);
}

/// <summary>
/// A custodial hand-off's facts: its sealed receipt (null while not sealed), whether the claim actor recorded the
/// hand-off to that wallet, and the token's owner on chain if it is minted already.
/// </summary>
public sealed record DeliverySighting(ReceiptView? Receipt, bool HandedOff, string? Owner);
