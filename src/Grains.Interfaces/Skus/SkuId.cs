using System.Text.RegularExpressions;

namespace MicroEvents.Skus;

/// <summary>A SKU's id is a URL-safe slug, like a drop's; it is also the SKU actor's key (stream <c>sku/{id}</c>).</summary>
public static partial class SkuId
{
    public const string Rule = "must be 3–64 characters of a-z, 0-9 and '-'";

    public static bool IsValid(string? id) => id is not null && Slug().IsMatch(id);

    [GeneratedRegex("^[a-z0-9-]{3,64}$")] private static partial Regex Slug();
}
