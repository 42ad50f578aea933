namespace MicroEvents.Signatures.Receipts;

public enum ReceiptVerdict
{
    Valid,
    /// <summary>A field, proof or root is not well-formed hex of the right length.</summary>
    Malformed,
    /// <summary>The leaf and proof do not lead to the root: a field or the proof was changed.</summary>
    ProofMismatch,
    /// <summary>The signature does not recover to the receipt's signer (root or signature changed).</summary>
    BadSignature,
    /// <summary>Internally consistent, but signed by someone other than the expected signer.</summary>
    UnexpectedSigner,
}
