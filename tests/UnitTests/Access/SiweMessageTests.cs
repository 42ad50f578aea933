using MicroEvents.Access;

namespace MicroEvents.UnitTests.Access;

public class SiweMessageTests
{
    private const string Example = """
        example.com wants you to sign in with your Ethereum account:
        0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

        I accept the ExampleOrg Terms of Service: https://example.com/tos

        URI: https://example.com/login
        Version: 1
        Chain ID: 1
        Nonce: 32891756
        Issued At: 2021-09-30T16:25:24Z
        Resources:
        - ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
        - https://example.com/my-web2-claim.json
        """;

    [Fact]
    public void the_eip_4361_example_parses_into_its_fields()
    {
        SiweMessage.TryParse(Example, out var message, out var problem).Should().BeTrue(problem);

        message.Domain.Should().Be("example.com");
        message.Address.Should().Be("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2");
        message.Statement.Should().StartWith("I accept");
        message.Uri.Should().Be("https://example.com/login");
        message.ChainId.Should().Be(1);
        message.Nonce.Should().Be("32891756");
        message.IssuedAt.Should().Be(new DateTimeOffset(2021, 9, 30, 16, 25, 24, TimeSpan.Zero));
        message.ExpirationTime.Should().BeNull();
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("")]
    public void the_statement_is_optional(string blankLineLeft)
    {
        var withoutStatement = Example.Replace("I accept the ExampleOrg Terms of Service: https://example.com/tos\n\n", blankLineLeft);

        SiweMessage.TryParse(withoutStatement, out var message, out var problem).Should().BeTrue(problem);
        message.Statement.Should().BeNull();
        message.Uri.Should().Be("https://example.com/login");
    }

    [Theory]
    [InlineData("Version: 1", "Version: 2")]
    [InlineData("Chain ID: 1", "Chain ID: one")]
    [InlineData("Nonce: 32891756", "Nonce: 123")]
    [InlineData("Issued At: 2021-09-30T16:25:24Z", "Issued At: yesterday")]
    [InlineData("URI: https://example.com/login\n", "")]
    [InlineData(" wants you to sign in", " would like you to sign in")]
    [InlineData("Chain ID: 1\nNonce: 32891756", "Nonce: 32891756\nChain ID: 1")]
    [InlineData("Nonce: 32891756", "Nonce: 32891756\u0000")]
    public void a_message_off_the_standard_is_refused(string part, string replacement)
    {
        SiweMessage.TryParse(Example.Replace(part, replacement), out _, out var problem).Should().BeFalse();
        problem.Should().NotBeNullOrWhiteSpace();
    }
}
