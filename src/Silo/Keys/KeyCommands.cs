using System.CommandLine;
using System.Globalization;
using MicroEvents.Access;

namespace MicroEvents.Silo.Keys;

/// <summary>
/// <c>keys create|list|revoke</c>: API keys for operators, analysts and services. A key is printed once,
/// at creation, on standard output and nowhere else; only its hash is stored. <c>keys revoke-creator</c> and
/// <c>keys rotate-token-key</c>: creators' sign-in tokens. Each records <c>cli</c> as who did it.
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
            Console.WriteLine($"{"id",-12}  {"role",-8}  {"state",-7}  {"created",-20}  {"expires",-20}  {"created by",-16}  {"revoked by",-16}  label");
            foreach (var k in await store.List(token))
                Console.WriteLine($"{k.Id,-12}  {ApiKeyStore.RoleName(k.Role),-8}  {(k.RevokedAt is not null ? "revoked" : k.IsLive(now) ? "live" : "expired"),-7}  " +
                    $"{k.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {(k.ExpiresAt is { } e ? $"{e.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z" : "never"),-20}  " +
                    $"{k.CreatedBy ?? "-",-16}  {k.RevokedBy ?? "-",-16}  {k.Label}");
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

        return new Command("keys", "Manage API keys and creators' sign-in tokens.") { create, list, revoke, RevokeCreator(connection, run), RotateTokenKey(connection, run) };
    }

    private static Command RevokeCreator(Option<string?> connection, Runner run)
    {
        var wallet = new Option<string?>("--wallet") { Description = "revoke every token issued to this creator's wallet until now" };
        var tokenId = new Option<string?>("--token-id") { Description = "revoke one token: its jti claim (32 hex digits)" };
        var reason = new Option<string?>("--reason") { Description = "why, kept with the revocation" };
        var command = new Command("revoke-creator", "Revoke a creator's sign-in tokens (by wallet or token id); refused within 5 s everywhere.") { wallet, tokenId, reason, connection };
        command.SetAction((parse, ct) => run(parse, ct, async (store, _) =>
        {
            string subject;
            try
            {
                subject = CreatorTokensGrain.SubjectOf(parse.GetValue(wallet), parse.GetValue(tokenId), parse.GetValue(reason));
            }
            catch (MicroEvents.Rejections.Rejected r)
            {
                Console.Error.WriteLine(string.Join("; ", r.Errors?.Select(e => $"--{e.Key}: {string.Join(", ", e.Value)}") ?? [r.Message]));
                return 2;
            }
            var revoked = await new CreatorTokenStore(store.Database).Revoke(subject, DateTimeOffset.UtcNow, parse.GetValue(reason)?.Trim() ?? "", Actor.Cli);
            Console.WriteLine($"Revoked {revoked.Subject} at {revoked.RevokedAt:O}.");
            return 0;
        }));
        return command;
    }

    private static Command RotateTokenKey(Option<string?> connection, Runner run)
    {
        var overlap = new Option<int?>("--overlap-seconds") { Description = $"how long tokens of the old key stay valid (default {(int)CreatorSignInGrain.TokenLifetime.TotalSeconds}: every one of them expires first)" };
        var immediate = new Option<bool>("--immediate") { Description = "refuse tokens of the old key now (every creator signs in again)" };
        var command = new Command("rotate-token-key", "Sign creators' tokens with a new key from now on.") { overlap, immediate, connection };
        command.SetAction((parse, ct) => run(parse, ct, async (store, _) =>
        {
            var seconds = parse.GetValue(immediate) ? 0 : parse.GetValue(overlap) ?? (int)CreatorSignInGrain.TokenLifetime.TotalSeconds;
            if (seconds < 0 || seconds > CreatorTokensGrain.MaxOverlap.TotalSeconds)
                throw new ArgumentException($"--overlap-seconds must be between 0 and {(int)CreatorTokensGrain.MaxOverlap.TotalSeconds}.");
            var rotation = await new CreatorTokenStore(store.Database).Rotate(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(seconds), Actor.Cli);
            Console.WriteLine($"New token signing key {rotation.KeyId}; tokens of the previous key are accepted until {rotation.PreviousAcceptedUntil:O}.");
            return 0;
        }));
        return command;
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
