using System.CommandLine;
using System.Globalization;
using MicroEvents.Access;

namespace MicroEvents.Silo.Keys;

/// <summary>
/// <c>keys create|list|revoke</c>: API keys for operators, analysts and services. A key is printed once,
/// at creation, on standard output and nowhere else; only its hash is stored.
/// </summary>
public static class KeyCommands
{
    public delegate Task<int> Runner(ParseResult parse, CancellationToken ct, Func<ApiKeyStore, CancellationToken, Task<int>> verb);

    public static Command Create(Option<string?> connection, Runner run)
    {
        var role = new Option<string>("--role") { Description = "operator or analyst (creators sign in with their wallet)", Required = true };
        var label = new Option<string>("--label") { Description = "who or what the key is for (shown by `keys list`)", Required = true };
        var expires = new Option<string?>("--expires") { Description = "expiry: an ISO 8601 time (2027-01-31T00:00:00Z) or a number of days (90d)" };
        var id = new Argument<string>("id") { Description = "the key's id, as `keys list` shows it" };

        var create = new Command("create", "Create an API key and print it once.") { role, label, expires, connection };
        create.SetAction((parse, ct) => run(parse, ct, async (store, token) =>
        {
            // A creator is a wallet: a key could not say whose drops it may run, so creators sign in instead.
            if (!ApiKeyStore.TryParseRole(parse.GetValue(role), out var parsedRole) || parsedRole == AccessRole.Creator)
                throw new ArgumentException("--role must be operator or analyst; creators sign in with their wallet (POST /auth/siwe).");
            var expiresAt = ParseExpiry(parse.GetValue(expires));
            var (record, key) = await store.Create(parsedRole, parse.GetValue(label)!, expiresAt, token);
            Console.WriteLine($"Created {ApiKeyStore.RoleName(record.Role)} key {record.Id} ({record.Label}){(expiresAt is null ? "" : $", expires {expiresAt:O}")}.");
            Console.WriteLine("Send it as 'Authorization: Bearer <key>'. It is shown only now:");
            Console.WriteLine(key);
            return 0;
        }));

        var list = new Command("list", "List API keys (ids, roles, labels, dates; never the keys).") { connection };
        list.SetAction((parse, ct) => run(parse, ct, async (store, token) =>
        {
            var now = DateTimeOffset.UtcNow;
            Console.WriteLine($"{"id",-12}  {"role",-8}  {"state",-7}  {"created",-20}  {"expires",-20}  label");
            foreach (var k in await store.List(token))
                Console.WriteLine($"{k.Id,-12}  {ApiKeyStore.RoleName(k.Role),-8}  {(k.RevokedAt is not null ? "revoked" : k.IsLive(now) ? "live" : "expired"),-7}  " +
                    $"{k.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {(k.ExpiresAt is { } e ? $"{e.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "never"),-20}  {k.Label}");
            return 0;
        }));

        var revoke = new Command("revoke", "Revoke an API key by id; it stops working within 5 s (gateways remember a verified key that long).") { id, connection };
        revoke.SetAction((parse, ct) => run(parse, ct, async (store, token) =>
        {
            var keyId = parse.GetValue(id)!;
            if (!await store.Revoke(keyId, token))
            {
                Console.Error.WriteLine($"No key with id '{keyId}'.");
                return 1;
            }
            Console.WriteLine($"Revoked key {keyId}.");
            return 0;
        }));

        return new Command("keys", "Manage API keys.") { create, list, revoke };
    }

    private static DateTimeOffset? ParseExpiry(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.EndsWith('d') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0)
            return DateTimeOffset.UtcNow.AddDays(days);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > DateTimeOffset.UtcNow)
            return at;
        throw new ArgumentException("--expires must be a future ISO 8601 time or a number of days such as 90d.");
    }
}
