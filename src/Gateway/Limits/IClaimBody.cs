namespace MicroEvents.Gateway.Limits;

/// <summary>The body of a request that claims a token, as the claim guard reads it: the wallet that would receive it.</summary>
public interface IClaimBody
{
    string? Wallet { get; }
}
