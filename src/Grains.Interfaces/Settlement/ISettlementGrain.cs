using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement;

/// <summary>
/// Anchors sealed receipt roots on one chain with one signer, keyed <see cref="SettlementKey"/>
/// (<c>{chainId}:{signer}</c>), stream <c>settlement/{chainId}:{signer}</c>. It owns the signer's nonces:
/// one per submission, recorded before the transaction is sent, so a restart neither reuses nor skips one.
/// </summary>
public interface ISettlementGrain : IGrainWithStringKey, IJournaledActor
{
    /// <summary>Queues roots for anchoring; a root already known (queued, sent or anchored) changes nothing.</summary>
    Task Queue(IReadOnlyList<AnchorRequest> requests);

    /// <summary>Queues custodial hand-offs to deliver on chain once their roots are anchored; one already known changes nothing.</summary>
    Task Deliver(IReadOnlyList<DeliveryRequest> requests);

    /// <summary>One round of work now (the actor's timer does the same every poll interval): submit, watch, replace, confirm.</summary>
    Task Settle();

    Task<SettlementStatus> GetStatus();

    /// <summary>Re-queues the drop's failed anchors (an operator's decision after a refusal or revert); the drop's anchors after.</summary>
    Task<IReadOnlyList<AnchorView>> Retry(string dropId);
}

/// <summary>One sealed batch root of a drop to anchor, with the tokens it covers.</summary>
[GenerateSerializer, Immutable]
public sealed record AnchorRequest(
    [property: Id(0)] string DropId,
    [property: Id(1)] string Root,
    [property: Id(2)] long FirstToken,
    [property: Id(3)] long LastToken);

public static class SettlementKey
{
    public static string Of(long chainId, string signer) => $"{chainId}:{signer.ToLowerInvariant()}";
}
