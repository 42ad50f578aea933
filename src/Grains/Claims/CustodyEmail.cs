using MicroEvents.Rejections;
using MicroEvents.Text;
using MimeKit;

namespace MicroEvents.Claims;

/// <summary>A claimant's email: one plain address (RFC 5322 via MimeKit), at most 254 characters, clean text.</summary>
public static class CustodyEmail
{
    public const int MaxLength = 254;

    public static string Normalize(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !ClientText.IsValid(trimmed, MaxLength)
            || !MailboxAddress.TryParse(trimmed, out var parsed) || parsed.Address != trimmed || !trimmed.Contains('@'))
            throw new Rejected(ClaimRejectionCodes.InvalidEmail, "The email must be one plain address such as name@example.com.");
        return trimmed;
    }
}
