using MicroEvents.EventSourcing;

namespace MicroEvents.Receipts.Events;

/// <summary>
/// The mints committed in one append of the drop's stream (versions <see cref="FromVersion"/>–<see cref="ToVersion"/>,
/// tokens <see cref="FirstToken"/>–<see cref="LastToken"/>) form a Merkle tree whose <see cref="Root"/> the drop's
/// key (<see cref="Signer"/>) signed (EIP-191, <see cref="Signature"/>).
/// </summary>
[GenerateSerializer, Immutable, EventAlias("receipts.batch_sealed.v1")]
public sealed record BatchSealed(
    [property: Id(0)] long FromVersion,
    [property: Id(1)] long ToVersion,
    [property: Id(2)] long FirstToken,
    [property: Id(3)] long LastToken,
    [property: Id(4)] string Root,
    [property: Id(5)] string Signature,
    [property: Id(6)] string Signer,
    [property: Id(7)] DateTimeOffset SealedAt) : ReceiptEvent;
