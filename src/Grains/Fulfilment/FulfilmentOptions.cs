namespace MicroEvents.Fulfilment;

/// <summary>The <c>Fulfilment</c> settings.</summary>
public sealed class FulfilmentOptions
{
    /// <summary>How long after the mint the claimant has to choose a variant and give an address; then the stock goes back.</summary>
    public TimeSpan DetailsWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long before that deadline the reminder mail goes out (to an email the claimant gave).</summary>
    public TimeSpan ReminderBefore { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often an order waiting on details or on the partner checks the clock (Orleans' minimum reminder period applies).</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Returns are accepted this long after delivery.</summary>
    public TimeSpan ReturnWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>The partner's base URL.</summary>
    public Uri? PartnerBaseUrl { get; set; }

    /// <summary>HTTP attempts per request to the partner (the first plus retries) before the order is dead-lettered.</summary>
    public int PartnerAttempts { get; set; } = 5;

    /// <summary>First retry delay; it doubles each time, with jitter.</summary>
    public TimeSpan PartnerRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    public TimeSpan PartnerAttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many orders the feed creates at once.</summary>
    public int FeedParallelism { get; set; } = 32;
}
