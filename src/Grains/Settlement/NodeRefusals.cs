namespace MicroEvents.Settlement;

/// <summary>What a node's refusal of a transaction means for the actor.</summary>
public enum RefusalKind
{
    /// <summary>The node already has it ("already known"): as good as accepted.</summary>
    AlreadyKnown,

    /// <summary>The nonce is spent ("nonce too low"): the receipt and spent-nonce checks of the next round settle it.</summary>
    NonceUsed,

    /// <summary>The signer cannot pay: settlement pauses visibly and heals when the account is funded.</summary>
    InsufficientFunds,

    /// <summary>Fees, a full pool, a busy node: the same transaction (or its fee-bumped replacement) may pass later.</summary>
    Transient,

    /// <summary>No resend of these bytes can ever pass (gas outside the limits, bad signature, chain id, undecodable): fail it, free the nonce.</summary>
    Permanent,
}

/// <summary>
/// Classifies JSON-RPC refusals of <c>eth_sendRawTransaction</c> by geth's and anvil's messages. Nodes word their
/// errors differently but share these phrases; an unknown refusal in the "transaction rejected" codes is
/// permanent, because retrying it forever is the one thing settlement must never do (an operator can re-queue
/// the anchor), while errors outside those codes (internal errors, rate limits) are the node's, not the transaction's.
/// </summary>
public static class NodeRefusals
{
    private static readonly string[] Known = ["already known", "known transaction", "already imported", "already exists"];
    private static readonly string[] NonceUsed = ["nonce too low", "nonce has already been used", "oldnonce"];
    private static readonly string[] Funds = ["insufficient funds"];

    private static readonly string[] Transient =
    [
        "underpriced", "less than block base fee", "fee cap less than", "txpool is full", "pool is full", "nonce too high",
        "future transaction tries to replace", "could not replace", "rate limit", "too many", "try again", "timeout",
        "temporarily", "busy",
    ];

    /// <summary>JSON-RPC codes nodes use for "this transaction is refused": -32000 (geth), -32003 (anvil, EIP-1474), -32602 (undecodable), -32010 (parity).</summary>
    private static readonly int[] RejectionCodes = [-32000, -32003, -32602, -32010];

    public static RefusalKind Classify(int code, string message)
    {
        if (Has(message, Known)) return RefusalKind.AlreadyKnown;
        if (Has(message, NonceUsed)) return RefusalKind.NonceUsed;
        if (Has(message, Funds)) return RefusalKind.InsufficientFunds;
        if (Has(message, Transient)) return RefusalKind.Transient;
        return RejectionCodes.Contains(code) ? RefusalKind.Permanent : RefusalKind.Transient;
    }

    private static bool Has(string message, string[] phrases) => phrases.Any(p => message.Contains(p, StringComparison.OrdinalIgnoreCase));
}
