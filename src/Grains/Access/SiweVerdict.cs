namespace MicroEvents.Access;

/// <summary>What the EIP-4361 rules say of a parsed, signed sign-in message (the nonce is the store's to judge).</summary>
public enum SiweVerdict
{
    Accepted,
    WrongDomain,
    WrongUri,
    WrongChain,
    Expired,
    NotYetValid,
    NotRecent,
}
