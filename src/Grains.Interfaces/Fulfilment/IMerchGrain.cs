using MicroEvents.EventSourcing;

namespace MicroEvents.Fulfilment;

/// <summary>
/// A drop's merch mapping and how its tokens fared, keyed by drop id (stream <c>merch/{dropId}</c>). Kept
/// apart from the drop actor so the hot claim path and the drop's manifest stay untouched.
/// </summary>
public interface IMerchGrain : IGrainWithStringKey, IJournaledActor
{
    Task<MerchView> Map(MerchMapping mapping);

    Task<MerchView> GetMerch();

    /// <summary>The SKUs a token of <paramref name="tier"/> minted at <paramref name="mintedAt"/> carries: the mapping in force then; empty for none.</summary>
    Task<IReadOnlyList<string>> SkusFor(string? tier, DateTimeOffset mintedAt);

    /// <summary>Records which tokens became orders and which did not (idempotent: a token's latest outcome counts).</summary>
    Task Record(IReadOnlyList<long> ordered, IReadOnlyList<UnmappedToken> unmapped);
}
