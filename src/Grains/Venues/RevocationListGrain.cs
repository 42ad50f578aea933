using System.Collections.Immutable;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts;
using MicroEvents.Signatures.Venues;
using MicroEvents.Venues.Events;

namespace MicroEvents.Venues;

/// <summary>
/// The revocation list on <c>revocations/all</c>: its version is the stream's, and each version is signed
/// (EIP-191, over <see cref="NodeMessages.RevocationList"/>) by the system's revocation key, kept wrapped
/// like the drops' receipt keys, so kiosks and verifiers can check it offline.
/// </summary>
public sealed class RevocationListGrain(EventJournal journal, TimeProvider clock, DropSigningKeys keys)
    : EventSourcedGrain<RevocationState, RevocationEvent>(journal, clock), IRevocationListGrain
{
    /// <summary>The id the revocation key is stored under beside the drops' keys (not a valid drop id, so never one of them).</summary>
    public const string SigningKeyId = "system:revocation-list";

    private SignedRevocationList? _signed;

    protected override string Kind => "revocations";

    public Task Add(RevocationEntry entry) => Execute(s => s.Entries.Any(e => e.NodeId == entry.NodeId && NodeState.SameAddress(e.Address, entry.Address))
        ? Decision<bool, RevocationEvent>.Unchanged(false)
        : new(true, [new RevocationListed(entry.NodeId, entry.Address, entry.Reason, entry.EffectiveAt, entry.RevokedAt)]));

    public async Task<SignedRevocationList> GetSigned()
    {
        var state = await Stored();
        if (_signed?.Version == StoredVersion) return _signed;
        var message = NodeMessages.RevocationList(StoredVersion, state.Entries.Select(e => (e.NodeId, e.Address, e.EffectiveAt)));
        var key = await keys.GetOrCreate(SigningKeyId);
        return _signed = new SignedRevocationList(StoredVersion, state.Entries, message, key.GetPublicAddress(), NodeMessages.Sign(message, key));
    }
}

[GenerateSerializer, Immutable]
public sealed record RevocationState([property: Id(0)] ImmutableList<RevocationEntry> Entries) : IEventFold<RevocationState, RevocationEvent>
{
    public static RevocationState Initial => new(ImmutableList<RevocationEntry>.Empty);

    public RevocationState Apply(RevocationEvent e) => e is RevocationListed r
        ? this with { Entries = Entries.Add(new RevocationEntry(r.NodeId, r.Address, r.Reason, r.EffectiveAt, r.RevokedAt)) }
        : this;
}
