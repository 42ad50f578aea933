using System.Threading.RateLimiting;
using MicroEvents.Rejections;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MicroEvents.Gateway.Limits;

/// <summary>Wiring of the abuse limits: options, client addresses, the sign-in policy and the claim guard.</summary>
public static class RateLimits
{
    public const string SignInPolicy = "sign-in";

    /// <summary>Mailed-code requests per client address: each may send a mail, so they are counted cluster-wide like sign-ins.</summary>
    public const string CodeMailPolicy = "code-mail";

    public static WebApplicationBuilder AddLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<LimitOptions>(builder.Configuration.GetSection(LimitOptions.Section));
        builder.Services.AddSingleton<ClusterWindows>();
        builder.Services.AddSingleton<WalletSpread>();
        builder.Services.AddSingleton<DropLimits>();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<LimitOptions>>((forwarded, limits) => ClientAddress.Configure(forwarded, limits.Value.TrustedProxies));

        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(SignInPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value;
                if (!limits.Enabled) return RateLimitPartition.GetNoLimiter("off");
                var client = ClientAddress.Of(http);
                var windows = http.RequestServices.GetRequiredService<ClusterWindows>();
                return RateLimitPartition.Get($"{limits.SignInPerIpPerMinute}|{client}",
                    _ => new ClusterWindowLimiter(windows, $"sign-in|{client}", limits.SignInPerIpPerMinute, TimeSpan.FromMinutes(1)));
            });
            o.AddPolicy(CodeMailPolicy, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value;
                if (!limits.Enabled) return RateLimitPartition.GetNoLimiter("off");
                var client = ClientAddress.Of(http);
                var windows = http.RequestServices.GetRequiredService<ClusterWindows>();
                return RateLimitPartition.Get($"code|{limits.CodeRequestsPerIpPerMinute}|{client}",
                    _ => new ClusterWindowLimiter(windows, $"code-mail|{client}", limits.CodeRequestsPerIpPerMinute, TimeSpan.FromMinutes(1)));
            });
            o.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
                var what = context.HttpContext.Request.Path.Value?.EndsWith("/code", StringComparison.Ordinal) == true ? "code" : "sign-in";
                await TooManyRequests.Result(context.HttpContext, RejectionCodes.RateLimited, $"Too many {what} requests from your address; retry later.", wait)
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>Per-address, per-wallet and bot limits on a claim endpoint (its body an <see cref="IClaimBody"/>, its drop the route's <c>id</c>).</summary>
    public static RouteHandlerBuilder LimitClaims(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter<ClaimGuard>().ProducesProblem(429).WithMetadata(new ClaimEndpoint());
}
