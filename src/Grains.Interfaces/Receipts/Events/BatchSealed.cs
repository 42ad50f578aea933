using System.ComponentModel;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;

namespace MicroEvents.Receipts.Events;

/// <summary>
/// The mints committed in one or more whole appends of the drop's stream (versions <see cref="FromVersion"/>–<see cref="ToVersion"/>,
/// <see cref="Mints"/> of them) form a Merkle tree whose <see cref="Root"/> the drop's key (<see cref="Signer"/>) signed
/// (EIP-191, <see cref="Signature"/>). Recorded in the drop's own stream, beside the mints it covers.
/// Until issue #30 every seal covered exactly one append; a sealer now puts the appends it finds pending under one seal
/// (up to 1,000 mints), so one signature and one on-chain anchor serve many appends. Either way the range says which mints.
/// </summary>
[Description("The mints of one or more whole appends of the drop's stream (versions fromVersion…toVersion) form a Merkle tree whose root the drop's key signed (EIP-191); each mint is sealed once, after its append.")]
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
