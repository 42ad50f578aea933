using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Settlement.Events;

[Description("The settlement contract was deployed (the local chain, when no contract address is configured).")]
[GenerateSerializer, Immutable, EventAlias("settlement.contract_deployed.v1")]
public sealed record ContractDeployed(
    [property: Id(0), Description("The contract's address, EIP-55.")] string Contract,
    [property: Id(1), Description("The deployment transaction's hash.")] string TxHash,
    [property: Id(2), Description("When it was recorded.")] DateTimeOffset DeployedAt) : SettlementEvent;
