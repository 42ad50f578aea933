using Orleans.Concurrency;

namespace MicroEvents.Receipts;

/// <summary>
/// Seals a drop's mints into signed batches, off the drop's hot path: it reads the committed stream
/// <c>drop/{id}</c>, groups mints by the append that committed them, signs each batch's Merkle root and
/// records it in the drop's own stream (<c>BatchSealed</c>). Keyed by drop id; holds no state of its own.
/// </summary>
public interface IReceiptSealerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes sure the sealer is running: it seals new appends every second while active. Returns at once. Only the
    /// mint feed pokes (the drop exists and minted); reads never start the timer. Interleaved: the one mint feed of the
    /// cluster must not wait for a seal in progress (it did, and fell behind for good under sustained load).
    /// </summary>
    [AlwaysInterleave]
    Task Poke();

    /// <summary>Seals every committed append not sealed yet; returns the number of batches newly recorded.</summary>
    Task<int> SealPending();

    /// <summary>The receipt of one claim (sealing its batch first if needed).</summary>
    Task<ReceiptView> GetReceipt(string claimId);

    /// <summary>The address of the drop's signing key (the key itself never leaves the silo).</summary>
    Task<string> GetSigner();

    /// <summary>The address of the drop's signing key, or null while it has none (this never makes one).</summary>
    Task<string?> FindSigner();
}
