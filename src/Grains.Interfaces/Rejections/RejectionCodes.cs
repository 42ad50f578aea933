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

    /// <summary>Each code's HTTP status, beside the codes as every feature's table has them (the gateway's problem map reads it).</summary>
    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
    [
        new(DropNotFound, 404),
        new(ClaimNotFound, 404),
        new(DropExists, 409),
        new(InvalidTransition, 409),
        new(DropNotOpen, 409),
        new(DropPaused, 409),
        new(DropClosed, 409),
        new(ClaimWindowNotStarted, 409),
        new(ClaimWindowEnded, 409),
        new(SoldOut, 409),
        new(TierSoldOut, 409),
        new(TierNotFound, 409),
        new(WalletLimitReached, 409),
        new(ClaimIdConflict, 409),
        new(ValidationFailed, 400),
        new(InvalidWallet, 400),
        new(Unauthorized, 401),
        new(Forbidden, 403),
        new(RateLimited, 429),
        new(ChallengeRequired, 429),
        new(FeedNotFound, 404),
        new(Unavailable, 503),
    ];
}
