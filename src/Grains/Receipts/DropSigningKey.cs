namespace MicroEvents.Receipts;

/// <summary>A drop's secp256k1 signing key, stored only wrapped by the <see cref="KeyEncryptionKey"/>. Never in an event or a response.</summary>
public sealed class DropSigningKey
{
    public required string Id { get; set; }
    public required string Address { get; set; }
    public required byte[] Wrapped { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
