using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MicroEvents.Gateway.Limits;

/// <summary>
/// The client's address for limits. X-Forwarded-For is believed only from the proxies listed in
/// <see cref="LimitOptions.TrustedProxies"/>; ASP.NET's default of trusting loopback is removed, and
/// the middleware is not used at all without a list (an empty list would make it trust everyone).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static void Configure(ForwardedHeadersOptions options, IEnumerable<string> trusted)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in trusted.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            if (entry.Contains('/')) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            else options.KnownProxies.Add(IPAddress.Parse(entry));
        }
    }
}
