using MicroEvents.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MicroEvents.Venues;

public static class VenuesSilo
{
    /// <summary>
    /// Venue nodes: thresholds from the <c>Venues</c> section (<c>HeartbeatSeconds</c>, <c>MissedForOffline</c>,
    /// <c>RttTargetMs</c>, <c>MaxClockOffsetMs</c>, <c>StatusCheckSeconds</c>). Needs receipts (drop signing keys)
    /// and durable reminders.
    /// </summary>
    public static ISiloBuilder AddVenues(this ISiloBuilder silo, IConfiguration config)
    {
        silo.Services.AddOptions<NodeThresholds>().Configure(o => Bind(o, config));
        silo.Services.TryAddSingleton<VenueMetrics>();
        // Email-hash vouchers mint into the same custody account as custodial claims.
        silo.Services.AddCustodyAccount();
        return silo;
    }

    public static void Bind(NodeThresholds o, IConfiguration config)
    {
        var section = config.GetSection("Venues");
        o.HeartbeatEvery = TimeSpan.FromSeconds(section.GetValue("HeartbeatSeconds", o.HeartbeatEvery.TotalSeconds));
        o.MissedForOffline = section.GetValue("MissedForOffline", o.MissedForOffline);
        o.RttTargetMs = section.GetValue("RttTargetMs", o.RttTargetMs);
        o.MaxClockOffsetMs = section.GetValue("MaxClockOffsetMs", o.MaxClockOffsetMs);
        o.StatusCheckEvery = TimeSpan.FromSeconds(section.GetValue("StatusCheckSeconds", o.StatusCheckEvery.TotalSeconds));
        o.RequestWindow = TimeSpan.FromSeconds(section.GetValue("RequestWindowSeconds", o.RequestWindow.TotalSeconds));
    }
}
