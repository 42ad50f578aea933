using System.ComponentModel;
namespace MicroEvents.Receipts.Events;

/// <summary>The analysts' schema for <c>receipts/{drop}</c>: the signed Merkle roots of a drop's mints, one per append.</summary>
[Description("The signed Merkle roots of a drop's mints, one per append (stream receipts/{drop}).")]
[GenerateSerializer, Immutable]
public abstract record ReceiptEvent;
