using System.Text.RegularExpressions;

namespace MicroEvents.Venues;

/// <summary>Node ids and venue ids are URL-safe slugs, like drop ids; they key the node and venue actors.</summary>
public static partial class NodeId
{
    public const string Rule = "must be 3–64 characters of a-z, 0-9 and '-'";

    public static bool IsValid(string? id) => id is not null && Slug().IsMatch(id);

    [GeneratedRegex("^[a-z0-9-]{3,64}$")] private static partial Regex Slug();
}

/// <summary>
/// Voucher ids are chosen by the node: short enough that <c>voucher:{node}:{id}</c> is a valid claim id on the drop.
/// </summary>
public static partial class VoucherId
{
    public const string Rule = "must be 1–54 characters of A-Z, a-z, 0-9, '_' and '-'";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>The claim id a redeemed voucher mints under on its drop: unique per node and voucher, so a retry replays.</summary>
    public static string ClaimId(string nodeId, string voucherId) => $"voucher:{nodeId}:{voucherId}";

    /// <summary>Reads a voucher claim id back into its node and voucher ids; false for any other claim id.</summary>
    public static bool TryParseClaimId(string? claimId, out string nodeId, out string voucherId)
    {
        (nodeId, voucherId) = ("", "");
        var parts = claimId?.Split(':');
        if (parts is not ["voucher", var node, var voucher] || !NodeId.IsValid(node) || !IsValid(voucher)) return false;
        (nodeId, voucherId) = (node, voucher);
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,54}$")] private static partial Regex Pattern();
}
