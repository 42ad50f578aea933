using MicroEvents.Settlement;

namespace MicroEvents.UnitTests.Settlement;

public class NodeRefusalTests
{
    [Theory]
    // anvil's and geth's own words (the anvil ones observed from anvil 1.7.1)
    [InlineData(-32000, "intrinsic gas too low", RefusalKind.Permanent)]
    [InlineData(-32000, "intrinsic gas too high -- tx.gas_limit > env.block.gas_limit", RefusalKind.Permanent)]
    [InlineData(-32000, "exceeds block gas limit", RefusalKind.Permanent)]
    [InlineData(-32000, "invalid sender", RefusalKind.Permanent)]
    [InlineData(-32000, "invalid chain id for signer", RefusalKind.Permanent)]
    [InlineData(-32602, "Failed to decode transaction", RefusalKind.Permanent)]
    [InlineData(-32003, "Insufficient funds for gas * price + value", RefusalKind.InsufficientFunds)]
    [InlineData(-32000, "insufficient funds for gas * price + value: balance 0", RefusalKind.InsufficientFunds)]
    [InlineData(-32003, "nonce too low", RefusalKind.NonceUsed)]
    [InlineData(-32000, "already known", RefusalKind.AlreadyKnown)]
    [InlineData(-32003, "replacement transaction underpriced", RefusalKind.Transient)]
    [InlineData(-32003, "max fee per gas less than block base fee", RefusalKind.Transient)]
    [InlineData(-32000, "txpool is full", RefusalKind.Transient)]
    [InlineData(-32603, "internal error", RefusalKind.Transient)]
    [InlineData(-32005, "limit exceeded", RefusalKind.Transient)]
    public void a_refusal_is_classified_by_what_a_resend_could_change(int code, string message, RefusalKind kind) =>
        NodeRefusals.Classify(code, message).Should().Be(kind);
}
