using System.Security.Cryptography;

namespace MicroEvents.Receipts;

/// <summary>Wraps drop signing keys at rest with AES-256-GCM; the key-encryption key comes from configuration only.</summary>
public sealed class KeyEncryptionKey
{
    public const int Bytes = 32;
    private readonly byte[] _key;

    public KeyEncryptionKey(byte[] key)
    {
        if (key.Length != Bytes) throw new ArgumentException($"The key-encryption key must be {Bytes} bytes.", nameof(key));
        _key = key.ToArray();
    }

    /// <summary>nonce ‖ tag ‖ ciphertext; <paramref name="context"/> (the drop id) is authenticated, so a wrapped key cannot be moved to another drop.</summary>
    public byte[] Wrap(ReadOnlySpan<byte> secret, string context)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[secret.Length];
        using var aes = new AesGcm(_key, tag.Length);
        aes.Encrypt(nonce, secret, cipher, tag, System.Text.Encoding.UTF8.GetBytes(context));
        return [.. nonce, .. tag, .. cipher];
    }

    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, string context)
    {
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        var plain = new byte[wrapped.Length - nonceSize - tagSize];
        using var aes = new AesGcm(_key, tagSize);
        aes.Decrypt(wrapped[..nonceSize], wrapped[(nonceSize + tagSize)..], wrapped.Slice(nonceSize, tagSize), plain,
            System.Text.Encoding.UTF8.GetBytes(context));
        return plain;
    }
}
