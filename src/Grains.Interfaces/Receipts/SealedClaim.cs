using MicroEvents.Drops;
using MicroEvents.Receipts.Events;

namespace MicroEvents.Receipts;

/// <summary>A claim that holds its token and the sealed batch its mint belongs to (null: not sealed yet).</summary>
[GenerateSerializer, Immutable]
public sealed record SealedClaim([property: Id(0)] ClaimReceipt Receipt, [property: Id(1)] BatchSealed? Batch);
