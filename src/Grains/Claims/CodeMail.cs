using MicroEvents.Mail;

namespace MicroEvents.Claims;

/// <summary>The mail that carries a claim's one-time code.</summary>
public static class CodeMail
{
    /// <summary>
    /// The mail of a claim's first code (its escrow). One id per claim: a retry queues it again in place while it waits,
    /// and since the code is the claim's own it says the same thing if it was sent meanwhile.
    /// </summary>
    public static string EscrowMailId(string dropId, string claimId) => $"claim-code/{dropId}/{claimId}/escrow";

    public static OutboxMail For(string dropId, string claimId, string email, string code, DateTimeOffset now, string? id = null) => new()
    {
        Id = id ?? $"claim-code/{dropId}/{claimId}/{Guid.NewGuid():N}",
        To = email,
        Subject = $"Your code for drop {dropId}: {code}",
        Body = $"""
            Your confirmation code is {code}

            Confirm it on the phone you claimed with, within the escrow window, to keep your token from drop {dropId}.
            Lost that phone? Ask for a new code with this same email address and hand the token off to your own wallet with it.

            Claim id: {claimId}
            """,
        QueuedAt = now,
    };

    /// <summary>The code for the claimant of a venue voucher held in the drop's custody: the way to their own wallet.</summary>
    public static OutboxMail ForVoucher(string dropId, string claimId, string email, string code, DateTimeOffset now) => new()
    {
        Id = $"claim-code/{dropId}/{claimId}/{Guid.NewGuid():N}",
        To = email,
        Subject = $"Your code for drop {dropId}: {code}",
        Body = $"""
            Your code is {code}

            The venue's voucher for drop {dropId} holds your token in custody. Hand it to your own wallet with this code:
            POST /drops/{dropId}/claims/{claimId}/handoff with your wallet's signed hand-off challenge and this code.
            Need another code? Ask again with this same email address; the latest code is the one that works.

            Claim id: {claimId}
            """,
        QueuedAt = now,
    };
}
