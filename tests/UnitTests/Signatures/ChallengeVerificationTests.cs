using System.Security.Cryptography;
using MicroEvents.Signatures.Challenges;
using MicroEvents.Signatures.Custody;
using Nethereum.Signer;

namespace MicroEvents.UnitTests.Signatures;

public class ChallengeVerificationTests
{
    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-11-25T12:00:00Z"));
    private readonly byte[] _serverKey = RandomNumberGenerator.GetBytes(32);
    private readonly EthECKey _wallet = EthECKey.GenerateKey();

    private ChallengeIssuer Issuer(byte[]? key = null) => new(key ?? _serverKey, _clock, TimeSpan.FromMinutes(5));

    private ChallengeVerdict Verify(SignedClaim claim) => new ChallengeVerifier(Issuer(), _clock).Verify(claim, ChallengeDomain.Default, out _);

    private ChallengeTerms Terms => ChallengeTerms.SelfCustody("summer-jam", _wallet.GetPublicAddress(), null);

    private (ClaimChallenge Challenge, string Signature) Signed(EthECKey? signer = null)
    {
        var challenge = Issuer().Issue(ChallengeDomain.Default, Terms);
        return (challenge, SignedChallenges.Sign(challenge, signer ?? _wallet));
    }

    [Fact]
    public void a_challenge_signed_by_its_wallet_is_valid_and_its_claim_id_is_the_nonce()
    {
        var (challenge, signature) = Signed();

        new ChallengeVerifier(Issuer(), _clock).Verify(SignedChallenges.Claim(challenge, signature), ChallengeDomain.Default, out var verified)
            .Should().Be(ChallengeVerdict.Valid);
        verified!.ClaimId.Should().Be(challenge.Nonce.ToString()).And.MatchRegex("^0x[0-9a-f]{64}$");
    }

    [Fact]
    public void a_challenge_expires_five_minutes_after_it_was_issued()
    {
        var (challenge, signature) = Signed();
        challenge.ExpiresAt.Should().Be(_clock.GetUtcNow().AddMinutes(5));

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Verify(SignedChallenges.Claim(challenge, signature)).Should().Be(ChallengeVerdict.Valid);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Verify(SignedChallenges.Claim(challenge, signature)).Should().Be(ChallengeVerdict.Expired);
    }

    [Fact]
    public void challenges_cannot_live_longer_than_five_minutes()
    {
        var act = () => new ChallengeIssuer(_serverKey, _clock, TimeSpan.FromMinutes(6));
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void another_key_signing_the_challenge_is_a_signer_mismatch()
    {
        var (challenge, signature) = Signed(signer: EthECKey.GenerateKey());
        Verify(SignedChallenges.Claim(challenge, signature)).Should().Be(ChallengeVerdict.SignerMismatch);
    }

    [Fact]
    public void the_high_s_twin_of_a_valid_signature_is_refused_as_malleable()
    {
        var (challenge, signature) = Signed();
        var twin = SignedChallenges.HighSTwin(signature);

        WalletSignature.TryParse(twin, out var parsed).Should().BeTrue();
        parsed.RecoverSigner(challenge.Digest()).Should().Be(_wallet.GetPublicAddress(), "the twin is mathematically valid");
        Verify(SignedChallenges.Claim(challenge, twin)).Should().Be(ChallengeVerdict.MalleableSignature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0x1234")]
    [InlineData("not hex at all")]
    public void a_signature_that_is_not_65_bytes_of_hex_is_a_bad_signature(string signature)
    {
        var (challenge, _) = Signed();
        Verify(SignedChallenges.Claim(challenge, signature)).Should().Be(ChallengeVerdict.BadSignature);
    }

    [Fact]
    public void a_signature_with_an_impossible_v_is_a_bad_signature()
    {
        var (challenge, signature) = Signed();
        Verify(SignedChallenges.Claim(challenge, signature[..^2] + "1d")).Should().Be(ChallengeVerdict.BadSignature);
    }

    [Fact]
    public void a_signature_made_for_another_chain_is_refused_as_wrong_domain()
    {
        var otherChain = ChallengeDomain.Default with { ChainId = 1 };
        var (challenge, signature) = Signed();

        Verify(SignedChallenges.Claim(challenge, signature) with { Domain = otherChain }).Should().Be(ChallengeVerdict.WrongDomain);
        Verify(SignedChallenges.Claim(challenge, signature) with { Domain = ChallengeDomain.Default }).Should().Be(ChallengeVerdict.Valid);
    }

    [Fact]
    public void a_signature_over_another_domain_without_saying_so_recovers_to_someone_else()
    {
        var challenge = Issuer().Issue(ChallengeDomain.Default, Terms);
        var signature = SignedChallenges.Sign(challenge with { Domain = challenge.Domain with { ChainId = 1 } }, _wallet);

        Verify(SignedChallenges.Claim(challenge, signature)).Should().Be(ChallengeVerdict.SignerMismatch);
    }

    [Fact]
    public void a_nonce_made_up_by_the_client_was_not_issued_by_us()
    {
        var made = new ChallengeIssuer(RandomNumberGenerator.GetBytes(32), _clock, TimeSpan.FromMinutes(5))
            .Issue(ChallengeDomain.Default, Terms);

        Verify(SignedChallenges.Claim(made, SignedChallenges.Sign(made, _wallet))).Should().Be(ChallengeVerdict.NonceNotIssued);
        Verify(SignedChallenges.Claim(made, SignedChallenges.Sign(made, _wallet)) with { Nonce = "0x1234" }).Should().Be(ChallengeVerdict.NonceNotIssued);
    }

    [Fact]
    public void a_challenge_moved_to_another_drop_wallet_or_expiry_is_not_ours()
    {
        var (challenge, _) = Signed();
        var other = EthECKey.GenerateKey();

        foreach (var moved in new[]
                 {
                     challenge with { Terms = challenge.Terms with { DropId = "winter-jam" } },
                     challenge with { Terms = challenge.Terms with { Wallet = other.GetPublicAddress() } },
                     challenge with { Terms = challenge.Terms with { Tier = "vip" } },
                     challenge with { Terms = challenge.Terms with { Kind = ChallengeKind.Custodial, EmailHash = ClaimEmail.Hash("a@b.c") } },
                     challenge with { Expiry = challenge.Expiry + 3600 },
                 })
        {
            var signedByItsWallet = SignedChallenges.Sign(moved, moved.Wallet == _wallet.GetPublicAddress() ? _wallet : other);
            Verify(SignedChallenges.Claim(moved, signedByItsWallet)).Should().Be(ChallengeVerdict.NonceNotIssued);
        }
    }

    [Fact]
    public void the_typed_data_json_is_what_a_wallet_signs()
    {
        var (challenge, _) = Signed();
        var json = System.Text.Json.JsonDocument.Parse(challenge.ToJson()).RootElement;

        json.GetProperty("primaryType").GetString().Should().Be("SelfCustodyClaim");
        json.GetProperty("message").GetProperty("tier").GetString().Should().Be("");
        json.GetProperty("domain").GetProperty("chainId").GetRawText().Should().Be("31337");
        json.GetProperty("message").GetProperty("nonce").GetString().Should().Be(challenge.Nonce.ToString());
        json.GetProperty("message").GetProperty("drop").GetString().Should().Be("summer-jam");
    }

    [Fact]
    public void an_expired_challenge_with_a_junk_or_foreign_signature_is_refused_for_its_signature_not_reported_expired()
    {
        var (challenge, signature) = Signed();
        _clock.Advance(TimeSpan.FromMinutes(10));

        Verify(SignedChallenges.Claim(challenge, signature)).Should().Be(ChallengeVerdict.Expired, "the genuine signature, too late");
        Verify(SignedChallenges.Claim(challenge, "0x" + new string('1', 130))).Should().Be(ChallengeVerdict.BadSignature);
        Verify(SignedChallenges.Claim(challenge, SignedChallenges.Sign(challenge, EthECKey.GenerateKey()))).Should().Be(ChallengeVerdict.SignerMismatch);
    }

    [Fact]
    public void each_action_is_its_own_typed_struct_so_the_same_fields_sign_differently_per_route()
    {
        var (challenge, _) = Signed();
        var wallet = _wallet.GetPublicAddress();
        var email = ClaimEmail.Hash("Ann@Example.com ");
        var kinds = new[]
        {
            challenge,
            challenge with { Terms = ChallengeTerms.Custodial("summer-jam", wallet, null, email) },
            challenge with { Terms = ChallengeTerms.HandOff("summer-jam", challenge.ClaimId, wallet) },
        };

        kinds.Select(c => Convert.ToHexString(c.Digest())).Should().OnlyHaveUniqueItems();
        kinds.Select(c => c.PrimaryType).Should().Equal("SelfCustodyClaim", "CustodialClaim", "AcceptHandOff");
        email.Should().Be(ClaimEmail.Hash("ann@example.com"), "the email is normalised (trimmed, lower case) before hashing");
    }

    [Fact]
    public void a_self_custody_signature_checked_as_a_custodial_claim_or_a_hand_off_is_refused()
    {
        var (challenge, signature) = Signed();
        var wallet = _wallet.GetPublicAddress();
        var signed = SignedChallenges.Claim(challenge, signature);

        Verify(signed with { Terms = ChallengeTerms.Custodial("summer-jam", wallet, null, ClaimEmail.Hash("evil@example.com")) })
            .Should().Be(ChallengeVerdict.NonceNotIssued);
        Verify(signed with { Terms = ChallengeTerms.HandOff("summer-jam", challenge.ClaimId, wallet) }).Should().Be(ChallengeVerdict.NonceNotIssued);
        Verify(signed with { Terms = ChallengeTerms.SelfCustody("summer-jam", wallet, "vip") }).Should().Be(ChallengeVerdict.NonceNotIssued);
        Verify(signed).Should().Be(ChallengeVerdict.Valid);
    }
}
