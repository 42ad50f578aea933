namespace MicroEvents.Gateway.Auth;

/// <summary>
/// Who may call an endpoint, as endpoint metadata: the OpenAPI document shows it on the operation and
/// the role tests read it. Set it through <see cref="Roles"/>, never by hand.
/// </summary>
public sealed record EndpointAccess(IReadOnlyList<string> Roles, bool CreatorsOwnDropsOnly = false)
{
    public static readonly EndpointAccess Public = new([Auth.Roles.Public]);

    public bool IsPublic => Roles.Contains(Auth.Roles.Public);

    public string Describe() => string.Join(", ", Roles.Select(r =>
        r == Auth.Roles.Creator && CreatorsOwnDropsOnly ? "creator (own drops only)" : r));
}
