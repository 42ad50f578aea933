using System.Security.Cryptography;
using System.Text;
using MicroEvents.Access;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Auth;

/// <summary>
/// Callers this gateway verified in the last few seconds, by a hash of the credential they presented.
/// Verifying reads the key table (or checks a creator token in the silo): done on every request, an
/// operator's tooling or a load driver sending its key with each call put a PostgreSQL round trip in front
/// of every claim. The price is that a revoked key keeps working for at most <see cref="CallerCacheOptions.Seconds"/>
/// on a gateway that saw it just before. Only successes are kept (a key created a moment ago works at once)
/// and never past the credential's own expiry.
/// </summary>
public sealed class CallerCache(IOptions<CallerCacheOptions> options, TimeProvider clock) : IDisposable
{
    private readonly MemoryCache _callers = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxEntries });
    private TimeSpan Lifetime => TimeSpan.FromSeconds(options.Value.Seconds);

    public async Task<Caller?> Verify(string credential, Func<Task<Caller?>> verify)
    {
        if (Lifetime <= TimeSpan.Zero) return await verify();
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));
        var now = clock.GetUtcNow();
        // Judged by the injected clock (the one that decides key expiry); the cache's own expiry only frees memory.
        if (_callers.TryGetValue(key, out Verified? known) && known is not null && now < known.Until) return known.Caller;

        var caller = await verify();
        if (caller is not null)
        {
            var until = now + Lifetime;
            if (caller.ExpiresAt < until) until = caller.ExpiresAt.Value;
            if (until > now)
                _callers.Set(key, new Verified(caller, until), new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }
        return caller;
    }

    private sealed record Verified(Caller Caller, DateTimeOffset Until);

    public void Dispose() => _callers.Dispose();
}

/// <summary><c>Gateway:Auth:CallerCache</c>: how long a verified credential is trusted without asking again (0 turns it off).</summary>
public sealed class CallerCacheOptions
{
    public const string Section = "Gateway:Auth:CallerCache";

    public int Seconds { get; set; } = 5;

    public int MaxEntries { get; set; } = 10_000;
}
