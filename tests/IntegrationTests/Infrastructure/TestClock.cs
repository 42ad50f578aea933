namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>A clock the tests move by hand, so claim-window edges are exact.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;
}
