namespace MicroEvents.Venues;

/// <summary>
/// Everything a node needs to show and check claim pages offline: per served drop its canonical manifest, its
/// hash, the drop signer's address and that key's EIP-191 signature over the hash; the same for its fallback manifest. <see cref="ETag"/> changes
/// only when one of them does.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NodeManifests(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string ETag,
    [property: Id(2)] IReadOnlyList<PrimedManifest> Manifests);

[GenerateSerializer, Immutable]
public sealed record PrimedManifest(
    [property: Id(0)] string DropId,
    [property: Id(1)] string CanonicalManifest,
    [property: Id(2)] string ManifestHash,
    [property: Id(3)] string Signer,
    [property: Id(4)] string Signature,
    [property: Id(5), System.ComponentModel.Description("The fallback manifest's canonical JSON (the primary with the fallback assets); none: the drop has no fallback.")] string? ContingencyManifest,
    [property: Id(6), System.ComponentModel.Description("SHA-256 (hex) of ContingencyManifest.")] string? ContingencyManifestHash = null,
    [property: Id(7), System.ComponentModel.Description("The drop signer's EIP-191 signature over the 32 bytes of ContingencyManifestHash.")] string? ContingencySignature = null,
    [property: Id(8), System.ComponentModel.Description("Whether new mints are under the fallback now.")] bool ContingencyActive = false);

/// <summary>The revocation list: every revoked node key, versioned, signed by the system's revocation key.</summary>
[GenerateSerializer, Immutable]
public sealed record SignedRevocationList(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<RevocationEntry> Revocations,
    [property: Id(2)] string Message,
    [property: Id(3)] string Signer,
    [property: Id(4)] string Signature);

[GenerateSerializer, Immutable]
public sealed record RevocationEntry(
    [property: Id(0)] string NodeId,
    [property: Id(1)] string Address,
    [property: Id(2)] string Reason,
    [property: Id(3)] DateTimeOffset EffectiveAt,
    [property: Id(4)] DateTimeOffset RevokedAt);
