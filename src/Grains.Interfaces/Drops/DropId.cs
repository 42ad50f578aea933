using System.Text.RegularExpressions;

namespace MicroEvents.Drops;

/// <summary>A drop's id is a URL-safe slug; it is also the drop actor's key.</summary>
public static partial class DropId
{
    public const string Rule = "must be 3–64 characters of a-z, 0-9 and '-'";

    public static bool IsValid(string? id) => id is not null && Slug().IsMatch(id);

    /// <summary>
    /// The id, when it can name a drop; otherwise <c>drop-not-found</c>, answered before any actor is asked: an id that
    /// can never name a drop must not activate one.
    /// </summary>
    public static string Existing(string id) =>
        IsValid(id) ? id : throw new MicroEvents.Rejections.Rejected(MicroEvents.Rejections.RejectionCodes.DropNotFound, $"No drop '{id}'.");

    [GeneratedRegex("^[a-z0-9-]{3,64}$")] private static partial Regex Slug();
}
