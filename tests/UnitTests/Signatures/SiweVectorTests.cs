using System.Text;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.Signatures.Challenges;
using Nethereum.Signer;

namespace MicroEvents.UnitTests.Signatures;

/// <summary>
/// Sign-In with Ethereum pinned against the reference `siwe` library and ethers (tools/vectors/make-auth-vectors.mjs):
/// our parser reads every field the library wrote, the signer recovers, and the rules reach the expected verdict,
/// including the URI and chain checks the library leaves to the application.
/// </summary>
public class SiweVectorTests
{
    private static readonly JsonElement Vectors =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Signatures", "Vectors", "auth-siwe.json"))).RootElement;

    private static readonly SiweAudience Audience = new(
        Vectors.GetProperty("expected").GetProperty("domain").GetString()!,
        Vectors.GetProperty("expected").GetProperty("uri").GetString()!,
        Vectors.GetProperty("expected").GetProperty("chainId").GetInt64());

    private static readonly DateTimeOffset Now = Vectors.GetProperty("now").GetDateTimeOffset();

    public static TheoryData<string> Names() => new(Vectors.GetProperty("vectors").EnumerateArray().Select(v => v.GetProperty("name").GetString()!));

    private static JsonElement Vector(string name) =>
        Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);

    [Theory, MemberData(nameof(Names))]
    public void every_field_the_reference_library_wrote_parses_back(string name)
    {
        var vector = Vector(name);
        var fields = vector.GetProperty("parsed");

        SiweMessage.TryParse(vector.GetProperty("message").GetString(), out var message, out var problem).Should().BeTrue(problem);

        message.Domain.Should().Be(fields.GetProperty("domain").GetString());
        message.Address.Should().Be(fields.GetProperty("address").GetString());
        message.Statement.Should().Be(fields.GetProperty("statement").GetString());
        message.Uri.Should().Be(fields.GetProperty("uri").GetString());
        message.ChainId.Should().Be(fields.GetProperty("chainId").GetInt64());
        message.Nonce.Should().Be(fields.GetProperty("nonce").GetString());
        message.IssuedAt.Should().Be(fields.GetProperty("issuedAt").GetDateTimeOffset());
        message.ExpirationTime.Should().Be(Time(fields.GetProperty("expirationTime")));
        message.NotBefore.Should().Be(Time(fields.GetProperty("notBefore")));
    }

    [Theory, MemberData(nameof(Names))]
    public void the_ethers_signature_recovers_to_the_messages_address(string name)
    {
        var vector = Vector(name);
        WalletSignature.TryParse(vector.GetProperty("signature").GetString(), out var signature).Should().BeTrue();
        var digest = new EthereumMessageSigner().HashPrefixedMessage(Encoding.UTF8.GetBytes(vector.GetProperty("message").GetString()!));
        signature.RecoverSigner(digest).Should().Be(Vectors.GetProperty("signer").GetString());
    }

    [Theory, MemberData(nameof(Names))]
    public void the_rules_reach_the_verdict_of_the_vector_and_agree_with_the_library_where_it_checks(string name)
    {
        var vector = Vector(name);
        SiweMessage.TryParse(vector.GetProperty("message").GetString(), out var message, out _).Should().BeTrue();

        var verdict = SiweRules.Check(message, Audience, Now);

        Kebab(verdict).Should().Be(vector.GetProperty("verdict").GetString());
        // The library checks domain, times and signature but not URI, chain or Issued At: where it refuses, so do we.
        if (vector.GetProperty("referenceVerdict").GetString() != "accepted") verdict.Should().NotBe(SiweVerdict.Accepted);
    }

    public static TheoryData<string> Encodings() =>
        new(Vectors.GetProperty("encodings").GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    [Theory, MemberData(nameof(Encodings))]
    public void only_canonical_65_byte_low_s_encodings_of_a_signature_are_accepted(string name)
    {
        var encoding = Vectors.GetProperty("encodings").GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var digest = new EthereumMessageSigner().HashPrefixedMessage(Encoding.UTF8.GetBytes(Vectors.GetProperty("encodings").GetProperty("message").GetString()!));

        var accepted = WalletSignature.TryParse(encoding.GetProperty("signature").GetString(), out var signature) && signature.IsLowS
            && signature.RecoverSigner(digest) == Vectors.GetProperty("signer").GetString();

        accepted.Should().Be(encoding.GetProperty("canonical").GetBoolean());
    }

    private static DateTimeOffset? Time(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDateTimeOffset();

    private static string Kebab(SiweVerdict verdict) => string.Concat(verdict.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
