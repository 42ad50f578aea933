namespace MicroEvents.Claims;

/// <summary>A claim actor's key: <c>{dropId}/{claimId}</c>. Drop ids are slugs, so the first '/' splits it.</summary>
public static class ClaimKey
{
    public static string Of(string dropId, string claimId) => $"{dropId}/{claimId}";

    public static (string DropId, string ClaimId) Parse(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }
}
