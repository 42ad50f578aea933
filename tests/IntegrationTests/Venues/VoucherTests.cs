using System.Net;
using System.Net.Http.Json;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Venues;

namespace MicroEvents.IntegrationTests.Venues;

/// <summary>Offline vouchers end to end through HTTP with real signatures: quota, upload, reconciliation, conflicts.</summary>
[Collection(VenueCollection.Name)]
public class VoucherTests(VenueServer server)
{
    // Slow: 300 vouchers racing 205 claims, about 6 s.
    [Trait(Category.Name, Category.Slow)]
    [Fact]
    public async Task three_hundred_offline_vouchers_mint_once_each_while_online_claims_continue_and_nothing_is_oversold()
    {
        const int supply = 520, quota = 320, offline = 300, online = 200;
        var drop = await server.OpenDrop(supply);
        using var node = await TestNode.Register(server);
        (await server.Allocate(node, drop, quota)).Held.Should().Be(quota);

        // The venue's network is down: the kiosk issues vouchers on its own while phones elsewhere keep claiming online.
        var vouchers = Enumerable.Range(1, offline).Select(i => node.Issue(drop, Samples.Wallet(10_000 + i))).ToList();
        var claims = Task.WhenAll(Enumerable.Range(1, online + 5).Select(i =>
            server.Anonymous.PostJson($"/drops/{drop}/claims", new { claimId = $"online-{i}", wallet = Samples.Wallet(i) })));
        var receipt = await node.Upload(vouchers, complete: true);
        var answers = await claims;

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().Be(online, "the reserved quota is not for online claims");
        answers.Where(a => a.StatusCode != HttpStatusCode.Created).Should().AllSatisfy(a => a.StatusCode.Should().Be(HttpStatusCode.Conflict));
        receipt.Reports.Single().Should().BeEquivalentTo(new { DropId = drop, Issued = offline, Redeemed = offline, Pending = 0, QuotaHeld = quota - offline });

        var tokens = new List<long>();
        foreach (var v in vouchers.Take(20))
        {
            var minted = await server.Anonymous.GetFromJsonAsync<ClaimReceipt>($"/drops/{drop}/claims/{Uri.EscapeDataString(VoucherId.ClaimId(node.Id, v.VoucherId))}", GatewayServer.Json);
            minted!.Wallet.Should().BeEquivalentTo(v.Wallet);
            tokens.Add(minted.TokenNumber);
        }
        tokens.Should().OnlyHaveUniqueItems();

        // The same upload again (a node unsure it got through) changes nothing.
        var nodeEvents = (await server.Journal().ReadEvents($"node/{node.Id}", 1, 10_000)).Count;
        var mintedBefore = (await Summary(drop)).Minted;
        var again = await node.Upload(vouchers, complete: true);
        again.Received.Should().Be(0);
        again.AlreadyKnown.Should().Be(TestNode.Chunk, "the last chunk's receipt counts that chunk's vouchers as known");
        (await server.Journal().ReadEvents($"node/{node.Id}", 1, 10_000)).Count.Should().Be(nodeEvents, "nothing new on the node's stream");
        (await Summary(drop)).Minted.Should().Be(mintedBefore, "and nothing minted again");

        // The node hands back what it did not use; online claims can take it.
        var returned = await node.Http.PostJson($"/nodes/{node.Id}/quotas/return", new QuotaReturn(drop, null));
        (await returned.Read<NodeQuotaView>()).Should().BeEquivalentTo(new { Allocated = quota, Returned = quota - offline, Redeemed = offline, Held = 0 });
        var summary = await Summary(drop);
        summary.Minted.Should().Be(online + offline);
        summary.Remaining.Should().Be(quota - offline);
        var report = await server.Http.GetFromJsonAsync<DropVoucherReport>($"/drops/{drop}/vouchers/report", GatewayServer.Json);
        report!.Should().BeEquivalentTo(new { Issued = offline, Redeemed = offline, QuotaAllocated = quota, QuotaReturned = quota - offline, QuotaHeld = 0 });
        (online + report.Redeemed + report.QuotaReturned).Should().Be(supply, "online + voucher mints + returned quota = supply");
    }

    [Fact]
    public async Task a_revoked_keys_vouchers_count_only_before_the_effective_time_and_forged_ones_never()
    {
        var drop = await server.OpenDrop(50);
        using var node = await TestNode.Register(server);
        await server.Allocate(node, drop, 10);
        var start = server.Clock.GetUtcNow();
        var lostKey = node.Key;

        var before = node.Issue(drop, Samples.Wallet(1));
        server.Clock.Set(start + TimeSpan.FromMinutes(7));
        var after = node.Issue(drop, Samples.Wallet(2));
        var forged = OfflineVouchersFor(node, drop, 3, Samples.Wallet(3), Nethereum.Signer.EthECKey.GenerateKey());
        var tampered = node.Issue(drop, Samples.Wallet(4)) with { Wallet = Samples.Wallet(5) };
        server.Clock.Set(start + TimeSpan.FromMinutes(10));
        (await node.Rotate()).EnsureSuccessStatusCode();
        var revoke = await server.Http.PostJson($"/nodes/{node.Id}/keys/revoke",
            new KeyRevocation(lostKey.GetPublicAddress(), "kiosk stolen", start + TimeSpan.FromMinutes(5)));
        revoke.EnsureSuccessStatusCode();

        var receipt = await node.Upload([before, after, forged, tampered], complete: true);

        receipt.Reports.Single().Redeemed.Should().Be(1);
        receipt.Reports.Single().RejectedByReason.Should().BeEquivalentTo(new Dictionary<string, long> { ["key-revoked"] = 1, ["bad-signature"] = 2 });
        (await Outcome(node, before)).Should().BeEquivalentTo(new { Outcome = "redeemed" });
        (await Outcome(node, after)).Should().BeEquivalentTo(new { Outcome = "rejected", Reason = "key-revoked", Compensation = new { Remedy = "refund", Refund = true } });
        (await Outcome(node, forged)).Should().BeEquivalentTo(new { Outcome = "rejected", Reason = "bad-signature", Compensation = (Compensation?)null });
        var owed = await server.Http.GetFromJsonAsync<CompensationRecord[]>($"/nodes/{node.Id}/compensations", GatewayServer.Json);
        owed!.Should().ContainSingle().Which.Should().BeEquivalentTo(new { after.VoucherId, Reason = "key-revoked" });
        server.Clock.Set(start);
    }

    [Fact]
    public async Task over_issue_and_clashes_end_the_same_whatever_the_upload_order()
    {
        var outcomes = new List<string>();
        foreach (var reversed in new[] { false, true })
        {
            var drop = await server.OpenDrop(100);
            using var node = await TestNode.Register(server);
            await server.Allocate(node, drop, 3);
            // Sequences 1–5 against a quota of 3, a cloned kiosk re-using sequence 2 a minute later, and one voucher id twice.
            var issued = new List<SignedVoucher>();
            for (var seq = 1; seq <= 5; seq++) issued.Add(Relabel(node, drop, node.Issue(drop, Samples.Wallet(100 + seq), sequence: seq), $"v{seq}"));
            server.Clock.Set(server.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
            issued.Add(Relabel(node, drop, node.Issue(drop, Samples.Wallet(200), sequence: 2), "clone-2"));
            issued.Add(Relabel(node, drop, node.Issue(drop, Samples.Wallet(201), sequence: 6), "v1"));
            var order = reversed ? issued.AsEnumerable().Reverse().ToList() : issued;

            await node.Upload(order, complete: true, chunk: 2);

            var all = new List<string>();
            foreach (var v in issued)
            {
                var o = (await Outcomes(node, v.VoucherId)).Single(x => x.Sequence == v.Sequence);
                all.Add($"{v.VoucherId}#{v.Sequence}:{o.Outcome}:{o.Reason}:{o.Compensation?.Remedy}{o.Compensation?.WaitlistPosition}");
            }
            outcomes.Add(string.Join(" ", all));
            (await Summary(drop)).Minted.Should().Be(3, "never more than the quota");
        }

        outcomes[0].Should().Be(outcomes[1]);
        // Lowest (sequence, issued-at) wins; the clone's sequence 2 comes before 4 and 5 on the waitlist.
        outcomes[0].Should().Be("v1#1:redeemed:: v2#2:redeemed:: v3#3:redeemed:: v4#4:rejected:beyond-quota:waitlist2 v5#5:rejected:beyond-quota:waitlist3 " +
            "clone-2#2:rejected:duplicate-sequence:waitlist1 v1#6:rejected:duplicate-voucher:waitlist4");
    }

    [Fact]
    public async Task the_vouchers_metric_counts_what_the_drop_answered_not_what_was_planned()
    {
        var drop = await server.OpenDrop(50, perWalletLimit: 1);
        using var node = await TestNode.Register(server);
        await server.Allocate(node, drop, 6);
        // Two claimants already hold their one token online: their vouchers pass the node's plan but the drop refuses them.
        foreach (var i in new[] { 1, 2 })
            (await server.Anonymous.PostJson($"/drops/{drop}/claims", new { claimId = $"online-{i}", wallet = Samples.Wallet(300 + i) })).EnsureSuccessStatusCode();
        var before = await VoucherSeries();

        var receipt = await node.Upload([.. new[] { 301, 302, 303, 304, 305 }.Select(w => node.Issue(drop, Samples.Wallet(w)))], complete: true);
        receipt.Reports.Single().Should().BeEquivalentTo(new { Redeemed = 3, RejectedByReason = new Dictionary<string, long> { ["wallet-limit-reached"] = 2 } });

        // The scrape is cached briefly, and other tests' nodes may redeem at the same time: refusals for a wallet limit come only from here.
        try
        {
            await Eventually.True(async () =>
            {
                var after = await VoucherSeries();
                return Delta(before, after, "rejected", "wallet-limit-reached") == 2 && Delta(before, after, "redeemed", "") >= 3;
            }, TimeSpan.FromSeconds(20), "two refusals counted as rejected, three redemptions as redeemed");
        }
        catch (TimeoutException e)
        {
            var text = await server.Http.GetStringAsync("/metrics");
            throw new TimeoutException(e.Message + "\n" + string.Join("\n", text.Split('\n').Where(l => l.Contains("vouchers"))), e);
        }
        var final = await VoucherSeries();
        Delta(before, final, "rejected", "wallet-limit-reached").Should().Be(2, string.Join("; ", final.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Fact]
    public async Task a_copy_of_a_sequence_whose_first_copy_the_drop_refused_gets_the_free_token_whatever_the_upload_order()
    {
        foreach (var reversed in new[] { false, true })
        {
            var drop = await server.OpenDrop(50, perWalletLimit: 1);
            using var node = await TestNode.Register(server);
            await server.Allocate(node, drop, 2);
            (await server.Anonymous.PostJson($"/drops/{drop}/claims", new { claimId = "online", wallet = Samples.Wallet(401) })).EnsureSuccessStatusCode();
            // The kiosk issued sequence 1 to a claimant already at their limit, then (its counter reset) to someone else.
            var first = Relabel(node, drop, node.Issue(drop, Samples.Wallet(401), sequence: 1), "first");
            server.Clock.Set(server.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
            var copy = Relabel(node, drop, node.Issue(drop, Samples.Wallet(402), sequence: 1), "copy");

            await node.Upload(reversed ? [copy, first] : [first, copy], complete: true);

            (await Outcome(node, first)).Should().BeEquivalentTo(new { Outcome = "rejected", Reason = "wallet-limit-reached", Compensation = new { Remedy = "refund" } });
            (await Outcome(node, copy)).Should().BeEquivalentTo(new { Outcome = "redeemed", Compensation = (Compensation?)null },
                "no token went to sequence 1, so the copy is no clone of a redeemed voucher: it takes the reserved token");
            (await Summary(drop)).Minted.Should().Be(2);
        }
    }

    [Fact]
    public async Task a_copy_arriving_after_its_sequence_or_voucher_id_was_redeemed_is_a_clone_and_only_a_different_claimant_is_owed_a_waitlist_place()
    {
        var drop = await server.OpenDrop(50, perWalletLimit: 1);
        using var node = await TestNode.Register(server);
        await server.Allocate(node, drop, 3);
        var redeemed = Relabel(node, drop, node.Issue(drop, Samples.Wallet(501), sequence: 1), "door-1");
        (await node.Upload([redeemed], complete: true)).Reports.Single().Redeemed.Should().Be(1);

        server.Clock.Set(server.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var sameSequence = Relabel(node, drop, node.Issue(drop, Samples.Wallet(502), sequence: 1), "door-2");
        var sameIdSamePerson = Relabel(node, drop, node.Issue(drop, Samples.Wallet(501), sequence: 2), "door-1");
        var sameIdOtherPerson = Relabel(node, drop, node.Issue(drop, Samples.Wallet(503), sequence: 3), "door-1");
        await node.Upload([sameSequence, sameIdSamePerson, sameIdOtherPerson], complete: true);

        (await Outcomes(node, "door-2")).Single().Should().BeEquivalentTo(new { Reason = "duplicate-sequence", Compensation = new { Remedy = "waitlist", WaitlistPosition = 1 } });
        var copies = (await Outcomes(node, "door-1")).Where(o => o.Outcome == "rejected").OrderBy(o => o.Sequence).ToList();
        copies.Select(o => (o.Reason, o.Compensation?.Remedy)).Should().Equal(
            new (string?, string?)[] { ("duplicate-voucher", null), ("duplicate-voucher", "waitlist") }, "the same person has their token; someone else was handed a signed voucher");
        (await Summary(drop)).Minted.Should().Be(1, "a clone never mints");
    }

    private async Task<Dictionary<(string Outcome, string Reason), double>> VoucherSeries()
    {
        var text = await server.Http.GetStringAsync("/metrics");
        var series = new Dictionary<(string, string), double>();
        foreach (var line in text.Split('\n').Where(l => l.StartsWith("microevents_venue_vouchers_total{", StringComparison.Ordinal)))
        {
            var outcome = Label(line, "outcome");
            var reason = Label(line, "reason");
            // name{labels} value [timestamp]
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            series[(outcome, reason)] = series.GetValueOrDefault((outcome, reason)) + double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return series;
    }

    private static string Label(string line, string name)
    {
        var at = line.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (at < 0) return "";
        var start = at + name.Length + 2;
        return line[start..line.IndexOf('"', start)];
    }

    private static double Delta(Dictionary<(string, string), double> before, Dictionary<(string, string), double> after, string outcome, string reason) =>
        after.GetValueOrDefault((outcome, reason)) - before.GetValueOrDefault((outcome, reason));

    private static SignedVoucher Relabel(TestNode node, string drop, SignedVoucher v, string id) =>
        OfflineVouchers.Issue(node.Key, node.Id, drop, v.Sequence, v.Wallet, null, v.IssuedAt, v.ExpiresAt - v.IssuedAt, id);

    private static SignedVoucher OfflineVouchersFor(TestNode node, string drop, long seq, string wallet, Nethereum.Signer.EthECKey key) =>
        node.Issue(drop, wallet, sequence: seq, key: key);

    private async Task<VoucherOutcome> Outcome(TestNode node, SignedVoucher v) => (await Outcomes(node, v.VoucherId)).Single();

    private async Task<VoucherOutcome[]> Outcomes(TestNode node, string voucherId) =>
        (await server.Http.GetFromJsonAsync<VoucherOutcome[]>($"/nodes/{node.Id}/vouchers/{voucherId}", GatewayServer.Json))!;

    private async Task<DropSummary> Summary(string drop) => (await server.Anonymous.GetFromJsonAsync<DropSummary>($"/drops/{drop}", GatewayServer.Json))!;
}
