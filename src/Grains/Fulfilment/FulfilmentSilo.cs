using MicroEvents.Feeds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace MicroEvents.Fulfilment;

public static class FulfilmentSilo
{
    /// <summary>
    /// Fulfilment orders and the partner client, from the <c>Fulfilment</c> section (see <see cref="FulfilmentOptions"/>;
    /// <c>Fulfilment:Partner:BaseUrl</c>, <c>…:Attempts</c>, <c>…:RetryDelayMs</c>, <c>…:AttemptTimeoutMs</c>). Needs the claims' secrets and outbox.
    /// </summary>
    public static ISiloBuilder AddFulfilment(this ISiloBuilder silo, IConfiguration config)
    {
        silo.Services.AddOptions<FulfilmentOptions>().Configure(o =>
        {
            var section = config.GetSection("Fulfilment");
            o.DetailsWindow = TimeSpan.FromHours(section.GetValue("DetailsHours", o.DetailsWindow.TotalHours));
            o.ReminderBefore = TimeSpan.FromHours(section.GetValue("ReminderBeforeHours", o.ReminderBefore.TotalHours));
            o.CheckEvery = TimeSpan.FromSeconds(section.GetValue("CheckSeconds", o.CheckEvery.TotalSeconds));
            o.ReturnWindow = TimeSpan.FromDays(section.GetValue("ReturnDays", o.ReturnWindow.TotalDays));
            o.PartnerBaseUrl = section["Partner:BaseUrl"] is { Length: > 0 } url ? new Uri(url.EndsWith('/') ? url : url + "/") : null;
            o.PartnerAttempts = Math.Max(1, section.GetValue("Partner:Attempts", o.PartnerAttempts));
            o.PartnerRetryDelay = TimeSpan.FromMilliseconds(section.GetValue("Partner:RetryDelayMs", o.PartnerRetryDelay.TotalMilliseconds));
            o.PartnerAttemptTimeout = TimeSpan.FromMilliseconds(section.GetValue("Partner:AttemptTimeoutMs", o.PartnerAttemptTimeout.TotalMilliseconds));
        });
        silo.Services.AddSingleton<OrderDocuments>();
        silo.Services.AddSingleton<FulfilmentMetrics>();
        silo.Services.AddSingleton<PartnerClient>();
        silo.AddFeed<MintsToOrders>();
        // The orders' outbox: partner calls are made by this feed, never inside an order actor.
        silo.AddFeed<SubmissionsToPartner>();
        silo.Services.AddTransient<AttemptCounting>();

        var options = new FulfilmentOptions();
        var attempts = Math.Max(1, config.GetValue("Fulfilment:Partner:Attempts", options.PartnerAttempts));
        var delay = TimeSpan.FromMilliseconds(config.GetValue("Fulfilment:Partner:RetryDelayMs", options.PartnerRetryDelay.TotalMilliseconds));
        var perAttempt = TimeSpan.FromMilliseconds(config.GetValue("Fulfilment:Partner:AttemptTimeoutMs", options.PartnerAttemptTimeout.TotalMilliseconds));
        var client = silo.Services.AddHttpClient(PartnerClient.HttpClientName, (sp, http) =>
            {
                var baseUrl = config["Fulfilment:Partner:BaseUrl"];
                // No partner configured: requests fail fast and the orders dead-letter, visible to operators.
                http.BaseAddress = new Uri(string.IsNullOrEmpty(baseUrl) ? "http://127.0.0.1:9/" : baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                http.Timeout = Timeout.InfiniteTimeSpan;
            });
        client.AddResilienceHandler("partner", pipeline =>
            {
                // Total budget first, then retries (exponential back-off with jitter on 5xx, 408, 429, network errors, timeouts), then a per-attempt timeout.
                pipeline.AddTimeout(TimeSpan.FromTicks(perAttempt.Ticks * attempts) + TimeSpan.FromTicks(delay.Ticks * (1L << Math.Min(attempts, 20))));
                if (attempts > 1)
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = attempts - 1,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = delay,
                        MaxDelay = TimeSpan.FromMinutes(1),
                    });
                pipeline.AddTimeout(perAttempt);
            });
        // Below the pipeline, so every attempt is counted.
        client.AddHttpMessageHandler<AttemptCounting>();
        return silo;
    }
}
