namespace MicroEvents.Fulfilment;

/// <summary>Operators' cross-order views (a stateless worker; key 0).</summary>
public interface IFulfilmentDeskGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<DeadLetterView>> DeadLetters(int limit);
}

[GenerateSerializer, Immutable]
public sealed record DeadLetterView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] int Attempts,
    [property: Id(2)] string LastError,
    [property: Id(3)] DateTimeOffset At);
