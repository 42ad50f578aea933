using System.ComponentModel;
using MicroEvents.EventSourcing;

namespace MicroEvents.Venues.Events;

/// <summary>The system-wide revocation list; the analysts' schema for <c>revocations/all</c>.</summary>
[Description("The signed revocation list of node keys (stream revocations/all); its version is the stream's.")]
[GenerateSerializer, Immutable]
public abstract record RevocationEvent;

[Description("A node key joined the revocation list.")]
[GenerateSerializer, Immutable, EventAlias("revocations.key_listed.v1")]
public sealed record RevocationListed(
    [property: Id(0), Description("The node.")] string NodeId,
    [property: Id(1), Description("The revoked key, EIP-55 checksummed.")] string Address,
    [property: Id(2), Description("Why.")] string Reason,
    [property: Id(3), Description("From when its signatures are refused.")] DateTimeOffset EffectiveAt,
    [property: Id(4), Description("When it was revoked.")] DateTimeOffset RevokedAt) : RevocationEvent;
