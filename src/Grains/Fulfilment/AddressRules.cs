using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MicroEvents.Rejections;
using MicroEvents.Text;

namespace MicroEvents.Fulfilment;

/// <summary>A shipping address a partner can use: required parts present, the shared client-text rules, a postal code and an ISO country.</summary>
public static partial class AddressRules
{
    public static ShippingAddress Validate(ShippingAddress? address)
    {
        var checks = new ClientText.Checks();
        if (address is null)
            throw new Rejected(RejectionCodes.ValidationFailed, "A shipping address is required.", new Dictionary<string, string[]> { ["address"] = ["is required"] });
        Required(checks, "address.name", address.Name);
        Required(checks, "address.line1", address.Line1);
        checks.Text("address.line2", address.Line2, ClientText.MaxNameLength);
        Required(checks, "address.city", address.City);
        checks.Text("address.region", address.Region, ClientText.MaxNameLength);
        if (address.PostalCode is null || !PostalCode().IsMatch(address.PostalCode)) checks.Fail("address.postalCode", "must be 2–12 letters, digits, spaces or '-'");
        if (address.Country is null || !Country().IsMatch(address.Country)) checks.Fail("address.country", "must be an ISO 3166-1 alpha-2 code such as DE");
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The shipping address is invalid.", checks.Errors);
        return address with
        {
            Name = address.Name.Trim(), Line1 = address.Line1.Trim(), Line2 = string.IsNullOrWhiteSpace(address.Line2) ? null : address.Line2.Trim(),
            City = address.City.Trim(), Region = string.IsNullOrWhiteSpace(address.Region) ? null : address.Region.Trim(),
            PostalCode = address.PostalCode!.Trim(),
        };
    }

    public static string Hash(ShippingAddress a) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Line(a))));

    private static string Line(ShippingAddress a) => OrderMessages.Line(a);

    private static void Required(ClientText.Checks checks, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) checks.Fail(field, "is required");
        else checks.Text(field, value, ClientText.MaxNameLength);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$")] private static partial Regex PostalCode();
    [GeneratedRegex("^[A-Z]{2}$")] private static partial Regex Country();
}
