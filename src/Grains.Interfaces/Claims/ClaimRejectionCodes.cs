namespace MicroEvents.Claims;

/// <summary>Problem types of claim custody, beside the claim actor's decisions.</summary>
public static class ClaimRejectionCodes
{
    public const string NotCustodial = "not-custodial";
    public const string WrongCode = "wrong-code";
    public const string TooManyCodeAttempts = "too-many-code-attempts";
    public const string NotTheEphemeralKey = "not-the-ephemeral-key";
    public const string AlreadyHandedOff = "already-handed-off";
    public const string TokenReleased = "token-released";
    public const string InvalidEmail = "invalid-email";
    public const string ClaimKeyConflict = "claim-key-conflict";

    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
    [
        new(NotCustodial, 409),
        new(WrongCode, 403),
        new(TooManyCodeAttempts, 429),
        new(NotTheEphemeralKey, 403),
        new(AlreadyHandedOff, 409),
        new(TokenReleased, 409),
        new(InvalidEmail, 400),
        new(ClaimKeyConflict, 409),
    ];
}
