namespace MicroEvents.Access;

/// <summary>
/// Who did something, as events record it (their optional <c>By</c> field): an API key as <c>key:&lt;id&gt;</c>
/// (the id <c>keys list</c> shows), a signed-in creator as their EIP-55 wallet, a venue node as
/// <c>node:&lt;id&gt;</c>, the silo's own work as <c>system</c>, the silo's command line as <c>cli</c>.
/// Events stored before callers were recorded have no <c>By</c>.
/// </summary>
public static class Actor
{
    public const string System = "system";
    public const string Cli = "cli";

    public static string Key(string keyId) => $"key:{keyId}";

    public static string Node(string nodeId) => $"node:{nodeId}";

    /// <summary>The actor of an authenticated caller: the creator's wallet, else the API key.</summary>
    public static string Of(Caller caller) =>
        caller.Wallet ?? (caller.KeyId is { } id ? Key(id) : caller.Name);
}
