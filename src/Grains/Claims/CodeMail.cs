using MicroEvents.Mail;

namespace MicroEvents.Claims;

/// <summary>The mail that carries a claim's one-time code.</summary>
public static class CodeMail
{
    public static OutboxMail For(string dropId, string claimId, string email, string code, DateTimeOffset now) => new()
    {
        Id = $"claim-code/{dropId}/{claimId}/{Guid.NewGuid():N}",
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
}
