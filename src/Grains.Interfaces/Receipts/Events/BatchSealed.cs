using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Receipts.Events;

/// <summary>
/// The mints committed in one append of the drop's stream (versions <see cref="FromVersion"/>–<see cref="ToVersion"/>,
/// tokens <see cref="FirstToken"/>–<see cref="LastToken"/>) form a Merkle tree whose <see cref="Root"/> the drop's
/// key (<see cref="Signer"/>) signed (EIP-191, <see cref="Signature"/>).
/// </summary>
[Description("The mints of one append of the drop's stream form a Merkle tree whose root the drop's key signed (EIP-191).")]
[GenerateSerializer, Immutable, EventAlias("receipts.batch_sealed.v1")]
public sealed record BatchSealed(
    [property: Id(0), Description("First drop-stream version of the batch.")] long FromVersion,
    [property: Id(1), Description("Last drop-stream version of the batch.")] long ToVersion,
    [property: Id(2), Description("First token number in the batch.")] long FirstToken,
    [property: Id(3), Description("Last token number in the batch.")] long LastToken,
    [property: Id(4), Description("Merkle root (keccak-256, sorted pairs, OpenZeppelin convention), hex.")] string Root,
    [property: Id(5), Description("EIP-191 signature of the root, hex.")] string Signature,
    [property: Id(6), Description("Address of the drop's signing key.")] string Signer,
    [property: Id(7), Description("When the batch was sealed.")] DateTimeOffset SealedAt) : ReceiptEvent;
