using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Limits;
using MicroEvents.Drops;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Challenges;
using MicroEvents.Wallets;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Claims;

/// <summary>
/// Signed claims: a wallet asks for an EIP-712 challenge for one action (self-custody, custodial, hand-off), signs
/// it, and uses it on that action's route. Signatures are checked here, statelessly and in parallel, so the drop
/// actor's turn never pays for them.
/// </summary>
public static class ChallengeEndpoints
{
    public static WebApplicationBuilder AddClaimChallenges(this WebApplicationBuilder builder)
    {
        var settings = ChallengeSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ClaimDomain>();
        builder.Services.AddSingleton(sp => settings.Issuer(
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILoggerFactory>().CreateLogger<ChallengeIssuer>()));
        builder.Services.AddSingleton(sp => new ChallengeVerifier(sp.GetRequiredService<ChallengeIssuer>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder;
    }

    public static IEndpointRouteBuilder MapClaimChallenges(this IEndpointRouteBuilder app)
    {
        var drops = app.MapGroup("/drops").WithTags("Signed claims").AllowPublic();

        drops.MapPost("/{id}/challenges", async (string id, [FromBody] ChallengeRequest? body, ChallengeIssuer issuer, ClaimDomain domain, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var wallet = ClaimInput.Wallet(request.Wallet);
                var terms = ClaimInput.Kind(request.Kind) switch
                {
                    ChallengeKind.SelfCustody => ChallengeTerms.SelfCustody(id, wallet, ClaimInput.Tier(request.Tier)),
                    ChallengeKind.Custodial => ChallengeTerms.Custodial(id, wallet, ClaimInput.Tier(request.Tier), ClaimInput.EmailHash(request.Email)),
                    _ => ChallengeTerms.HandOff(id, ClaimInput.CustodialClaimId(request.ClaimId ?? ""), wallet),
                };
                await ClaimInput.Drop(grains, id).GetSummary(); // 404 for an unknown drop, before anyone signs anything
                var challenge = issuer.Issue(await domain.Current(), terms);
                return Results.Ok(new ChallengeResponse(challenge.ClaimId, challenge.Nonce.ToString(), challenge.Expiry,
                    challenge.ExpiresAt, TypedDataView.Of(challenge), terms.Kind.WireName()));
            })
            .WithName("CreateChallenge").WithSummary("An EIP-712 challenge for a wallet to sign, naming its action (kind: self-custody, custodial with the email's hash, hand-off of a claim id) and tier; valid for at most 5 minutes")
            .Produces<ChallengeResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415);

        drops.MapPost("/{id}/signed-claims", async (string id, [FromBody] SignedClaimRequest? body, ChallengeVerifier verifier, ClaimDomain domain, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var wallet = ClaimInput.Wallet(request.Wallet);
                var drop = ClaimInput.Drop(grains, id);
                var verdict = verifier.Verify(
                    new SignedClaim(ChallengeTerms.SelfCustody(id, wallet, ClaimInput.Tier(request.Tier)), request.Nonce ?? "", request.Expiry,
                        request.Signature ?? "", request.Domain?.ToDomain()),
                    await domain.Current(), out var challenge);

                // Only a valid signature reaches here expired: its first use's receipt, and nothing new.
                if (verdict == ChallengeVerdict.Expired && await Earlier(drop, challenge!.ClaimId, wallet) is { } original)
                    return Results.Ok(original);
                if (verdict != ChallengeVerdict.Valid) throw SignatureProblems.For(verdict);

                var outcome = await drop.Claim(new ClaimToken(challenge!.ClaimId, wallet, request.Tier));
                return outcome.Replayed
                    ? Results.Ok(outcome.Receipt)
                    : Results.Created($"/drops/{id}/claims/{challenge.ClaimId}", outcome.Receipt);
            })
            .WithName("ClaimSigned").WithSummary("Claim with a signed self-custody challenge (same wallet and tier as signed); the claim id is the challenge's nonce, so a replay returns the original receipt")
            .Produces<ClaimReceipt>(StatusCodes.Status201Created).Produces<ClaimReceipt>()
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .LimitClaims();

        return app;
    }

    // A replay after the challenge expired still gets the receipt its first use earned, and nothing else.
    private static async Task<ClaimReceipt?> Earlier(IDropGrain drop, string claimId, string wallet)
    {
        try
        {
            var receipt = await drop.GetClaim(claimId);
            return WalletAddress.LimitKey(receipt.Wallet) == WalletAddress.LimitKey(wallet) ? receipt : null;
        }
        catch (Rejected r) when (r.Code == RejectionCodes.ClaimNotFound)
        {
            return null;
        }
    }
}
