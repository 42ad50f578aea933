using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

/// <summary>A drop's fallback manifest: set before opening, switched to by a recorded decision, and back; mints say which.</summary>
public class ContingencyDecisionTests
{
    private static readonly ContingencyManifest Fallback =
        new([new("https://mirror.example.org/summer-jam/poster.png", new string('b', 64), "image/png")]);

    private static CreateDrop WithFallback => Given.Manifest with { Contingency = Fallback };

    private static ContingencySwitchRequest Decision(string id, string reason = "primary CDN times out at the door") => new(id, reason);

    [Fact]
    public void a_fallback_set_at_creation_is_hashed_like_the_primary_over_the_primary_manifest_with_its_assets()
    {
        var draft = Given.Draft(WithFallback);

        var view = ContingencyDecisions.View(draft);
        var expected = ManifestHash.Of(draft.Manifest! with { Assets = [Fallback.Assets![0]], ManifestHash = "" });
        view.FallbackManifestHash.Should().Be(expected);
        view.FallbackManifestHash.Should().NotBe(draft.Manifest!.ManifestHash);
        view.Active.Should().BeFalse();
        view.ManifestHashInForce.Should().Be(draft.Manifest.ManifestHash);
        draft.Manifest.ManifestHash.Should().Be(Given.Draft().Manifest!.ManifestHash, "a fallback never changes the primary's hash");
    }

    [Fact]
    public void creating_again_with_another_fallback_is_another_manifest_and_the_same_one_is_a_retry()
    {
        var draft = Given.Draft(WithFallback);
        DropDecisions.Create(draft, WithFallback, At.Created).Events.Should().BeEmpty();
        DropDecisions.Create(draft, Given.Manifest, At.Created).Events.Should().BeEmpty("a retry without the fallback names no other one");
        var other = WithFallback with { Contingency = new([new("ipfs://bafy-other/poster.png", new string('c', 64), "image/png")]) };
        Rejection.Of(() => DropDecisions.Create(draft, other, At.Created)).Code.Should().Be(RejectionCodes.DropExists);
    }

    [Fact]
    public void the_fallback_can_be_set_or_replaced_only_before_the_drop_opens()
    {
        var draft = Given.Draft();
        var set = ContingencyDecisions.Set(draft, Fallback, At.Created, "key:ops");
        set.Events.Should().ContainSingle().Which.Should().BeOfType<ContingencySet>().Which.By.Should().Be("key:ops");
        var withFallback = draft.After(set);
        ContingencyDecisions.Set(withFallback, Fallback, At.Created, "key:ops").Events.Should().BeEmpty("the same fallback again is a retry");

        var open = withFallback.After(DropDecisions.Open(withFallback, At.Opened));
        ContingencyDecisions.Set(open, Fallback, At.Claiming, "key:ops").Events.Should().BeEmpty("a retry stays harmless after opening");
        var other = new ContingencyManifest([new("ipfs://bafy-other/poster.png", new string('c', 64), "image/png")]);
        Rejection.Of(() => ContingencyDecisions.Set(open, other, At.Claiming, "key:ops")).Code.Should().Be(ContingencyRejectionCodes.ContingencyLocked);
    }

    [Fact]
    public void a_bad_fallback_is_a_validation_failure_naming_its_fields()
    {
        var draft = Given.Draft();
        Rejection.Of(() => ContingencyDecisions.Set(draft, new ContingencyManifest([]), At.Created, null))
            .Errors!.Keys.Should().Contain("contingency.assets");
        Rejection.Of(() => ContingencyDecisions.Set(draft, new ContingencyManifest([new("file:///etc/passwd", "zz", "image/png")]), At.Created, null))
            .Errors!.Keys.Should().Contain(["contingency.assets[0].uri", "contingency.assets[0].sha256"]);
        Rejection.Of(() => ContingencyDecisions.Set(draft, new ContingencyManifest(Given.Manifest.Assets), At.Created, null))
            .Errors!["contingency.assets"].Should().Contain(p => p.Contains("differ"));
        Rejection.Of(() => ContingencyDecisions.Set(draft, new ContingencyManifest([new("https://x.example/\u0000", new string('b', 64), "image/png")]), At.Created, null))
            .Code.Should().Be(RejectionCodes.ValidationFailed);
    }

    [Fact]
    public void a_decision_id_is_a_retry_only_for_its_own_caller_and_reason()
    {
        var drop = Given.Open(WithFallback);
        drop = drop.After(ContingencyDecisions.Activate(drop, Decision("d1"), "node:kiosk-1", "kiosk-1", At.Claiming));

        ContingencyDecisions.Activate(drop, Decision("d1"), "node:kiosk-1", "kiosk-1", At.Later).Events.Should().BeEmpty("its author's retry");
        Rejection.Of(() => ContingencyDecisions.Activate(drop, Decision("d1"), "node:kiosk-2", "kiosk-2", At.Later))
            .Errors!.Keys.Should().Contain("decisionId", "another node is not told its decision was recorded");
        Rejection.Of(() => ContingencyDecisions.Activate(drop, Decision("d1", "another story"), "node:kiosk-1", "kiosk-1", At.Later))
            .Errors!.Keys.Should().Contain("decisionId", "another reason is another decision");
    }

    [Fact]
    public void mints_after_a_switch_carry_the_fallback_hash_and_earlier_tokens_keep_the_primary()
    {
        var drop = Given.Open(WithFallback).Claimed("before", Wallet.Alice);
        var fallbackHash = drop.Contingency!.Fallback.ManifestHash;

        var switched = ContingencyDecisions.Activate(drop, Decision("d1"), "key:ops", null, At.Claiming);
        switched.Events.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new ContingencyActivated("d1", fallbackHash, "primary CDN times out at the door", "key:ops", null, At.Claiming));
        drop = drop.After(switched);
        var minted = drop.Claim("after", Wallet.Bob);
        ((TokenMinted)minted.Events.Single()).ManifestHash.Should().Be(fallbackHash);
        minted.Result.Receipt.ManifestHash.Should().Be(fallbackHash);
        drop = drop.After(minted);

        drop.Receipt(1).ManifestHash.Should().Be(drop.Manifest!.ManifestHash, "a token minted before keeps its manifest");
        drop.Receipt(2).ManifestHash.Should().Be(fallbackHash);
        drop.Summary(9).Should().BeEquivalentTo(new { FallbackManifestHash = fallbackHash, ContingencyActive = true });
    }

    [Fact]
    public void switching_is_idempotent_by_decision_id_and_refused_when_there_is_nothing_to_switch()
    {
        var drop = Given.Open(WithFallback);
        var on = drop.After(ContingencyDecisions.Activate(drop, Decision("d1"), "node:kiosk-1", "kiosk-1", At.Claiming));

        ContingencyDecisions.Activate(on, Decision("d1"), "node:kiosk-1", "kiosk-1", At.Later).Events.Should().BeEmpty();
        Rejection.Of(() => ContingencyDecisions.Activate(on, Decision("d2"), "key:ops", null, At.Later)).Code.Should().Be(ContingencyRejectionCodes.ContingencyActive);
        Rejection.Of(() => ContingencyDecisions.Activate(Given.Open(), Decision("d1"), "key:ops", null, At.Later)).Code.Should().Be(ContingencyRejectionCodes.NoContingency);
        Rejection.Of(() => ContingencyDecisions.Deactivate(drop, Decision("d3"), "key:ops", At.Later)).Code.Should().Be(ContingencyRejectionCodes.ContingencyNotActive);
        Rejection.Of(() => ContingencyDecisions.Activate(DropState.Initial, Decision("d1"), "key:ops", null, At.Later)).Code.Should().Be(RejectionCodes.DropNotFound);
        Rejection.Of(() => ContingencyDecisions.Activate(drop, new ContingencySwitchRequest("", " "), "key:ops", null, At.Later))
            .Errors!.Keys.Should().BeEquivalentTo(["decisionId", "reason"]);
        Rejection.Of(() => ContingencyDecisions.Activate(drop, Decision("d\u0000"), "key:ops", null, At.Later)).Code.Should().Be(RejectionCodes.ValidationFailed);
    }

    [Fact]
    public void an_operator_can_switch_back_and_forth_and_each_token_keeps_the_manifest_it_was_minted_under()
    {
        var drop = Given.Open(WithFallback with { PerWalletLimit = 5 });
        var primary = drop.Manifest!.ManifestHash;
        var fallback = drop.Contingency!.Fallback.ManifestHash;
        drop = drop.Claimed("t1", Wallet.Alice);
        drop = drop.After(ContingencyDecisions.Activate(drop, Decision("on-1"), "key:ops", null, At.Claiming)).Claimed("t2", Wallet.Alice);
        var back = ContingencyDecisions.Deactivate(drop, Decision("off-1", "primary CDN is back"), "key:ops", At.Claiming);
        back.Events.Should().ContainSingle().Which.Should().BeEquivalentTo(new ContingencyDeactivated("off-1", primary, "primary CDN is back", "key:ops", At.Claiming));
        drop = drop.After(back).Claimed("t3", Wallet.Alice);
        ContingencyDecisions.Deactivate(drop, Decision("off-1", "primary CDN is back"), "key:ops", At.Later).Events.Should().BeEmpty("a retry");
        Rejection.Of(() => ContingencyDecisions.Activate(drop, Decision("off-1"), "key:ops", null, At.Later)).Errors!.Keys.Should().Contain("decisionId");
        drop = drop.After(ContingencyDecisions.Activate(drop, Decision("on-2"), "key:ops", null, At.Claiming)).Claimed("t4", Wallet.Alice);

        Enumerable.Range(1, 4).Select(i => drop.Receipt(i).ManifestHash).Should().Equal(primary, fallback, primary, fallback);
        ContingencyDecisions.View(drop).Switches.Select(s => (s.To, s.FromMint)).Should().Equal(("fallback", 2L), ("primary", 3L), ("fallback", 4L));
    }

    [Fact]
    public void a_snapshot_keeps_the_fallback_and_its_switches()
    {
        var drop = Given.Open(WithFallback).Claimed("t1", Wallet.Alice);
        drop = drop.After(ContingencyDecisions.Activate(drop, Decision("d1"), "key:ops", null, At.Claiming)).Claimed("t2", Wallet.Bob);

        var json = JsonSerializer.Serialize(drop);
        var back = JsonSerializer.Deserialize<DropState>(json)!;

        back.Receipt(1).Should().Be(drop.Receipt(1));
        back.Receipt(2).Should().Be(drop.Receipt(2));
        ContingencyDecisions.View(back).Should().BeEquivalentTo(ContingencyDecisions.View(drop));
    }
}
