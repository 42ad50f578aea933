using System.Text.RegularExpressions;

namespace MicroEvents.Drops;

/// <summary>A drop's id is a URL-safe slug; it is also the drop actor's key.</summary>
public static partial class DropId
{
    public const string Rule = "must be 3–64 characters of a-z, 0-9 and '-'";

    public static bool IsValid(string? id) => id is not null && Slug().IsMatch(id);

    [GeneratedRegex("^[a-z0-9-]{3,64}$")] private static partial Regex Slug();
}
