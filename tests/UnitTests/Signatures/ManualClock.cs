namespace MicroEvents.UnitTests.Signatures;

/// <summary>A clock the test moves by hand, so expiry edges are exact.</summary>
sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
