using MicroEvents.EventSourcing;

namespace MicroEvents.Receipts;

/// <summary>
/// Seals a drop's mints into signed batches, off the drop's hot path: it reads the committed stream
/// <c>drop/{id}</c>, groups mints by the append that committed them, and records each signed root in its
/// own stream <c>receipts/{id}</c>. Keyed by drop id.
/// </summary>
public interface IReceiptSealerGrain : IGrainWithStringKey, IJournaledActor
{
    /// <summary>Seals every committed append not sealed yet; returns the number of batches sealed.</summary>
    Task<int> SealPending();

    /// <summary>The receipt of one claim (sealing its batch first if needed).</summary>
    Task<ReceiptView> GetReceipt(string claimId);

    /// <summary>The address of the drop's signing key (the key itself never leaves the silo).</summary>
    Task<string> GetSigner();
}
