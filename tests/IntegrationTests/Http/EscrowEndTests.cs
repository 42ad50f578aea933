using System.Net;
using System.Text.Json;
using MicroEvents.Access;
using MicroEvents.IntegrationTests.Adversarial;
using MicroEvents.Claims;
using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>
/// An operator ends an open escrow now (POST /drops/{id}/claims/{claimId}/escrow/end) under the claim's own policy,
/// recorded on the claim's stream with the caller: the release policy and the end of escrow can be tried without
/// waiting out an hours-long window.
/// </summary>
[Collection(SharedClaimServer.Name)]
public class EscrowEndTests(ClaimServer server)
{
    private readonly CustodyTests _steps = new(server);

    private HttpClient Http => server.Http;

    [Fact]
    public async Task an_operator_ends_an_escrow_under_release_and_the_next_claimant_gets_the_token()
    {
        var drop = Samples.NewId("end-release");
        (await Http.PostJson("/drops", Samples.Drop(drop, supply: 1) with { Custody = new CustodyRules(2, "release") })).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        var status = await (await Http.PostJson($"/drops/{drop}/custodial-claims",
            await _steps.CustodialClaim(drop, new TestWallet(), $"e-{Guid.NewGuid():N}@example.com"))).Read<ClaimStatus>();

        var ended = await Http.PostAsync($"/drops/{drop}/claims/{status.ClaimId}/escrow/end", null);
        ended.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await ended.Read<ClaimStatus>();
        answer.Should().BeEquivalentTo(new { Custody = Custody.Released, Confirmed = false, Holder = "" });
        answer.EscrowUntil.Should().Be(server.Clock.GetUtcNow(), "the window closed when the operator ended it");
        var again = await Http.PostAsync($"/drops/{drop}/claims/{status.ClaimId}/escrow/end", null);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Read<ClaimStatus>()).Should().BeEquivalentTo(answer, "ending an ended escrow answers the same");

        var stream = await server.Journal().ReadEvents(CustodyTests.ClaimStreamKey(drop, status.ClaimId), 1, 100);
        var end = stream.Should().ContainSingle(e => e.Type == "claim.escrow_ended.v1").Which;
        var data = JsonDocument.Parse(end.DataJson).RootElement;
        data.GetProperty("outcome").GetString().Should().Be("released");
        data.GetProperty("reason").GetString().Should().Be("ended-by-operator");
        data.GetProperty("by").GetString().Should().StartWith("key:", "the operator's key is recorded");

        (await Http.PostJson($"/drops/{drop}/claims", new { claimId = "next", wallet = Samples.Wallet(7) })).StatusCode
            .Should().Be(HttpStatusCode.Created, "the released token went back to the sold-out drop");
        (await server.Client.GetGrain<IDropGrain>(drop).GetClaim("next")).TokenNumber.Should().Be(status.TokenNumber);
    }

    [Fact]
    public async Task under_keep_the_token_stays_in_custody_and_only_operators_may_end_a_custodial_escrow()
    {
        var drop = Samples.NewId("end-keep");
        (await Http.PostJson("/drops", Samples.Drop(drop, supply: 2) with { Custody = new CustodyRules(2, "keep") })).EnsureSuccessStatusCode();
        (await Http.PostAsync($"/drops/{drop}/open", null)).EnsureSuccessStatusCode();
        var phone = new TestWallet();
        var status = await (await Http.PostJson($"/drops/{drop}/custodial-claims",
            await _steps.CustodialClaim(drop, phone, $"k-{Guid.NewGuid():N}@example.com"))).Read<ClaimStatus>();
        var path = $"/drops/{drop}/claims/{status.ClaimId}/escrow/end";

        (await server.Anonymous.PostAsync(path, null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var analyst = server.NewClient(await server.NewKey(AccessRole.Analyst, "escrow-end"));
        (await analyst.PostAsync(path, null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await server.Journal().ReadEvents(CustodyTests.ClaimStreamKey(drop, status.ClaimId), 1, 100))
            .Should().NotContain(e => e.Type == "claim.escrow_ended.v1", "a refused caller changes nothing");

        var kept = await (await Http.PostAsync(path, null)).Read<ClaimStatus>();
        kept.Should().BeEquivalentTo(new { Custody = Custody.Custodial, Confirmed = false, Holder = phone.Address });
        (await server.Client.GetGrain<IDropGrain>(drop).GetClaim(status.ClaimId)).TokenNumber.Should().Be(status.TokenNumber);

        (await Http.PostJson($"/drops/{drop}/claims", new { claimId = "own", wallet = Samples.Wallet(8) })).EnsureSuccessStatusCode();
        await (await Http.PostAsync($"/drops/{drop}/claims/own/escrow/end", null)).ShouldBeProblem(409, "not-custodial");
        (await Http.PostAsync($"/drops/{drop}/claims/no-such-claim/escrow/end", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
