using System.Security.Cryptography;
using MicroEvents.Receipts;

namespace MicroEvents.UnitTests.Signatures;

public class KeyEncryptionKeyTests
{
    private readonly KeyEncryptionKey _kek = new(RandomNumberGenerator.GetBytes(32));
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void a_wrapped_key_unwraps_for_its_own_drop_and_does_not_contain_the_secret()
    {
        var wrapped = _kek.Wrap(_secret, "summer-jam");

        _kek.Unwrap(wrapped, "summer-jam").Should().Equal(_secret);
        Convert.ToHexString(wrapped).Should().NotContain(Convert.ToHexString(_secret));
    }

    [Fact]
    public void a_wrapped_key_moved_to_another_drop_tampered_with_or_opened_with_another_kek_fails()
    {
        var wrapped = _kek.Wrap(_secret, "summer-jam");
        var tampered = wrapped.ToArray();
        tampered[^1] ^= 1;

        FluentActions.Invoking(() => _kek.Unwrap(wrapped, "winter-jam")).Should().Throw<CryptographicException>();
        FluentActions.Invoking(() => _kek.Unwrap(tampered, "summer-jam")).Should().Throw<CryptographicException>();
        FluentActions.Invoking(() => new KeyEncryptionKey(RandomNumberGenerator.GetBytes(32)).Unwrap(wrapped, "summer-jam"))
            .Should().Throw<CryptographicException>();
    }
}
