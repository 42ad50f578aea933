using MicroEvents.Mail;

namespace MicroEvents.Fulfilment;

/// <summary>The mail that reminds a claimant to choose a variant and give an address before the stock goes back.</summary>
public static class DetailsReminderMail
{
    public static OutboxMail For(string orderId, string dropId, long token, string shortcode, string email, DateTimeOffset due, DateTimeOffset now) => new()
    {
        // One reminder per order: a retried tick stores the same mail again instead of a second one.
        Id = $"order-reminder/{orderId}",
        To = email,
        Subject = $"Your merch from drop {dropId}: choose a size and address by {due:yyyy-MM-dd HH:mm} UTC",
        Body = $"""
            Token {token} of drop {dropId} comes with merch (order {Shortcode.Display(shortcode)}).

            Choose your variant and give a shipping address before {due:u}, signed with the wallet that holds the token
            (POST /orders/{orderId}/details). After that the item goes back to stock.
            """,
        QueuedAt = now,
    };
}
