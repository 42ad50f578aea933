using System.ComponentModel;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;

namespace MicroEvents.Receipts.Events;

/// <summary>
/// The mints committed in one append of the drop's stream (versions <see cref="FromVersion"/>–<see cref="ToVersion"/>,
/// <see cref="Mints"/> of them) form a Merkle tree whose <see cref="Root"/> the drop's key (<see cref="Signer"/>) signed
/// (EIP-191, <see cref="Signature"/>). Recorded in the drop's own stream, beside the mints it covers.
/// </summary>
[Description("The mints of one append of the drop's stream form a Merkle tree whose root the drop's key signed (EIP-191); recorded once per append, after it.")]
[GenerateSerializer, Immutable, EventAlias("drop.batch_sealed.v1")]
public sealed record BatchSealed(
    [property: Id(0), Description("First drop-stream version of the batch.")] long FromVersion,
    [property: Id(1), Description("Last drop-stream version of the batch.")] long ToVersion,
    [property: Id(2), Description("Token number of the batch's first mint.")] long FirstToken,
    [property: Id(3), Description("Token number of the batch's last mint (numbers are not a range once released tokens are re-issued).")] long LastToken,
    [property: Id(4), Description("Merkle root (keccak-256, sorted pairs, OpenZeppelin convention), hex.")] string Root,
    [property: Id(5), Description("EIP-191 signature of the root, hex.")] string Signature,
    [property: Id(6), Description("Address of the drop's signing key.")] string Signer,
    [property: Id(7), Description("When the batch was sealed.")] DateTimeOffset SealedAt,
    [property: Id(8), Description("Mints in the batch: the leaves of the tree, in stream order.")] int Mints) : DropEvent;
