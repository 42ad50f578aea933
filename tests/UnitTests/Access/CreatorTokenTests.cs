using System.Security.Cryptography;
using System.Text;
using MicroEvents.Access;

namespace MicroEvents.UnitTests.Access;

public class CreatorTokenTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(64);
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Wallet = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    [Fact]
    public void a_token_verifies_until_it_expires()
    {
        var token = CreatorToken.Issue(Wallet, Now, TimeSpan.FromMinutes(15), Key);

        CreatorToken.Verify(token, Now.AddMinutes(14), Key).Should().Be((Wallet, Now.AddMinutes(15)));
        CreatorToken.Verify(token, Now.AddMinutes(15), Key).Should().BeNull();
    }

    [Fact]
    public void another_key_an_altered_payload_or_another_algorithm_is_refused()
    {
        var token = CreatorToken.Issue(Wallet, Now, TimeSpan.FromMinutes(15), Key);
        var parts = token.Split('.');
        var forged = Encode($$"""{"iss":"microevents","sub":"0x0000000000000000000000000000000000000001","role":"creator","iat":1,"exp":{{Now.AddDays(1).ToUnixTimeSeconds()}}}""");

        CreatorToken.Verify(token, Now, RandomNumberGenerator.GetBytes(64)).Should().BeNull();
        CreatorToken.Verify($"{parts[0]}.{forged}.{parts[2]}", Now, Key).Should().BeNull();
        CreatorToken.Verify($"{Encode("""{"alg":"none","typ":"JWT"}""")}.{parts[1]}.", Now, Key).Should().BeNull();
        CreatorToken.Verify($"{parts[0]}.{parts[1]}", Now, Key).Should().BeNull();
        CreatorToken.Verify("", Now, Key).Should().BeNull();
    }

    private static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
