using System.ComponentModel;

namespace MicroEvents.Settlement.Events;

/// <summary>The analysts' schema for <c>settlement/{chainId}:{signer}</c>: anchoring receipt roots on chain.</summary>
[Description("On-chain anchoring of receipt roots by one signer on one chain (stream settlement/{chainId}:{signer}).")]
[GenerateSerializer, Immutable]
public abstract record SettlementEvent;
