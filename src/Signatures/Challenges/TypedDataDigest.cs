using Nethereum.ABI.EIP712;

namespace MicroEvents.Signatures.Challenges;

/// <summary>The EIP-712 digest (<c>keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(message))</c>), computed by Nethereum.</summary>
public static class TypedDataDigest
{
    public static byte[] Of(TypedData<Domain> typedData) => Eip712TypedDataEncoder.Current.EncodeAndHashTypedData(typedData);
}
