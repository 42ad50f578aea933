using System.Security.Cryptography;
using MicroEvents.Gateway.Fulfilment;
using MicroEvents.Partner;

namespace MicroEvents.LocalStandIns.Partner;

/// <summary>
/// The one-command run's fulfilment partner: when no <c>Fulfilment:Partner:BaseUrl</c> is configured, the
/// partner simulator starts on a free loopback port, calls back this process's gateway, and both sides
/// share a callback secret made for this run. Its address is printed at start-up and served to operators at
/// <c>GET /dev/partner</c>, so they can find it to <c>PUT {simulator}/simulator/behaviour</c>.
/// </summary>
public static class LocalPartner
{
    public static PartnerSimulator? StartUnlessConfigured(IConfigurationManager config, string urls, ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(config["Fulfilment:Partner:BaseUrl"])) return null;
        var secret = config[CallbackEndpoints.SecretSetting];
        if (string.IsNullOrEmpty(secret)) config[CallbackEndpoints.SecretSetting] = secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var simulator = PartnerSimulator.Start("http://127.0.0.1:0", CallbackUrl(urls), secret).GetAwaiter().GetResult();
        config["Fulfilment:Partner:BaseUrl"] = simulator.BaseUrl.ToString();
        log.LogInformation("Fulfilment partner (simulator) at {PartnerUrl}: PUT {BehaviourUrl} to make it fail, slow down or reorder its callbacks (operators: GET /dev/partner)",
            simulator.BaseUrl, new Uri(simulator.BaseUrl, "simulator/behaviour"));
        return simulator;
    }

    // The gateway's own first address, reachable on loopback whatever host name it was bound to.
    private static Uri CallbackUrl(string urls)
    {
        var first = new Uri(urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1"));
        var host = first.Host is "0.0.0.0" or "[::]" or "localhost" ? "127.0.0.1" : first.Host;
        return new UriBuilder(first.Scheme, host, first.Port, "fulfilment/callbacks").Uri;
    }
}
