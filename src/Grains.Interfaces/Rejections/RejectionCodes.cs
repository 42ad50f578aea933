namespace MicroEvents.Rejections;

/// <summary>The problem types a client can receive; the last segment of the problem's <c>type</c> URI.</summary>
public static class RejectionCodes
{
    public const string DropNotFound = "drop-not-found";
    public const string ClaimNotFound = "claim-not-found";
    public const string DropExists = "drop-exists";
    public const string InvalidTransition = "invalid-transition";
    public const string DropNotOpen = "drop-not-open";
    public const string DropPaused = "drop-paused";
    public const string DropClosed = "drop-closed";
    public const string ClaimWindowNotStarted = "claim-window-not-started";
    public const string ClaimWindowEnded = "claim-window-ended";
    public const string SoldOut = "sold-out";
    public const string TierSoldOut = "tier-sold-out";
    public const string TierNotFound = "tier-not-found";
    public const string WalletLimitReached = "wallet-limit-reached";
    public const string ClaimIdConflict = "claim-id-conflict";
    public const string ValidationFailed = "validation-failed";
    public const string InvalidWallet = "invalid-wallet";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string RateLimited = "rate-limited";
    public const string ChallengeRequired = "challenge-required";
    public const string FeedNotFound = "feed-not-found";

    /// <summary>Storage is unreachable or the actor's backlog is full: retry later with the same id (the outcome of a command in flight is unknown).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>How long a client told <see cref="Unavailable"/> should wait before retrying (the Retry-After header).</summary>
    public const int UnavailableRetryAfterSeconds = 2;
}
