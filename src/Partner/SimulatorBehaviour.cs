namespace MicroEvents.Partner;

/// <summary>How the simulated partner misbehaves; changed at run time with <c>PUT /simulator/behaviour</c>.</summary>
public sealed record SimulatorBehaviour
{
    /// <summary>Share of fulfilment requests answered 503 without being recorded (0–1).</summary>
    public double FailureRate { get; init; }

    /// <summary>Delay before each answer, milliseconds.</summary>
    public int DelayMs { get; init; }

    /// <summary>Send every callback twice.</summary>
    public bool DuplicateCallbacks { get; init; }

    /// <summary>Send an order's callbacks in reverse order.</summary>
    public bool ReorderCallbacks { get; init; }

    /// <summary>The statuses called back after an order is taken, in order.</summary>
    public IReadOnlyList<string> Progress { get; init; } = ["accepted", "picked", "packed", "shipped", "delivered"];

    /// <summary>Whether a return notice is confirmed as received (restocked) by callback.</summary>
    public bool ConfirmReturns { get; init; } = true;
}

/// <summary>What the simulator saw: requests, distinct orders, replays by idempotency key, injected failures, callbacks sent.</summary>
public sealed record SimulatorState(int Requests, int Orders, int Replays, int InjectedFailures, int CallbacksSent, int CallbacksFailed, IReadOnlyList<string> OrderIds);
