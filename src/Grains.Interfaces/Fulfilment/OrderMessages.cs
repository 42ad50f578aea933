namespace MicroEvents.Fulfilment;

/// <summary>
/// The EIP-191 personal messages the wallet holding a token signs to act on its order. Each names the
/// order and what is asked, so a signature can be used for nothing else.
/// </summary>
public static class OrderMessages
{
    public static string Details(string orderId, OrderDetails details) =>
        $"MicroEvents: fulfilment details for order {orderId}\n" +
        $"variants: {string.Join(", ", details.Variants.Select(v => $"{v.Sku}={v.Variant}"))}\n" +
        $"ship to: {Line(details.Address)}";

    public static string Contact(string orderId, string email) => $"MicroEvents: mail me about order {orderId} at {email}";

    public static string Return(string orderId, string reason) => $"MicroEvents: return order {orderId}: {reason}";

    /// <summary>The address on one line, parts joined by ", ", empty parts left out.</summary>
    public static string Line(ShippingAddress a) =>
        string.Join(", ", new[] { a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country }.Where(p => !string.IsNullOrEmpty(p)));
}
