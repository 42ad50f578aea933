namespace MicroEvents.Settlement;

/// <summary>Read-only views over settlement for the gateway (a stateless worker on every silo; key 0).</summary>
public interface ISettlementQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The drop's roots on chain: anchored (block, transaction), pending, and failed (with the reason); <c>settlement-off</c> when no chain is configured.</summary>
    Task<DropSettlementView> GetDropSettlement(string dropId);

    /// <summary>Re-queues the drop's failed anchors; its settlement after.</summary>
    Task<DropSettlementView> RetryFailed(string dropId);

    /// <summary>
    /// What the claim's holder needs to mint on chain (see <see cref="OnChainClaim"/>): <c>claim-not-found</c> while
    /// unknown or unsealed, <c>root-not-anchored</c> until its root is anchored, <c>not-handed-off</c> while a custodial
    /// token is still in custody (or was released).
    /// </summary>
    Task<OnChainClaim> GetOnChainClaim(string dropId, string claimId);

    /// <summary>ERC-721 metadata of a token whose batch root settlement knows; <c>token-not-found</c> otherwise.</summary>
    Task<TokenMetadata> GetTokenMetadata(string contract, string tokenId);
}

[GenerateSerializer, Immutable]
public sealed record DropSettlementView(
    [property: Id(0)] string DropId,
    [property: Id(1)] long ChainId,
    [property: Id(2)] string? Contract,
    [property: Id(3)] bool Paused,
    [property: Id(4)] string? PauseReason,
    [property: Id(5)] IReadOnlyList<AnchorView> Anchored,
    [property: Id(6)] IReadOnlyList<AnchorView> Pending,
    [property: Id(7)] IReadOnlyList<AnchorView> Failed,
    [property: Id(8)] IReadOnlyList<DeliveryView> Deliveries);

/// <summary>ERC-721 metadata JSON (the fields wallets and marketplaces read).</summary>
[GenerateSerializer, Immutable]
public sealed record TokenMetadata(
    [property: Id(0)] string Name,
    [property: Id(1)] string Description,
    [property: Id(2)] string? Image,
    [property: Id(3)] IReadOnlyList<TokenAttribute> Attributes);

[GenerateSerializer, Immutable]
public sealed record TokenAttribute(
    [property: Id(0), System.Text.Json.Serialization.JsonPropertyName("trait_type")] string TraitType,
    [property: Id(1), System.Text.Json.Serialization.JsonPropertyName("value")] string Value);

public static class SettlementRejectionCodes
{
    public const string SettlementOff = "settlement-off";
    public const string TokenNotFound = "token-not-found";
    public const string RootNotAnchored = "root-not-anchored";
    public const string NotHandedOff = "not-handed-off";

    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
        [new(SettlementOff, 404), new(TokenNotFound, 404), new(RootNotAnchored, 409), new(NotHandedOff, 409)];
}
