namespace MicroEvents.IntegrationTests.Infrastructure;

/// <summary>Awaits a condition that becomes true on its own (a silo declared dead, a drop serving again), with a deadline.</summary>
public static class Eventually
{
    public static async Task True(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{because} within {timeout.TotalSeconds:0}s");
            await Task.Delay(100);
        }
    }
}
