using MicroEvents.Gateway.Auth;
using MicroEvents.Gateway.Limits;
using MicroEvents.Claims;
using MicroEvents.Gateway.Problems;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Challenges;
using MicroEvents.Signatures.Custody;
using MicroEvents.Text;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Claims;

/// <summary>
/// Custodial claims: a phone's ephemeral key claims into escrow with an email, confirms the mailed code,
/// and later hands the token off to a wallet of the claimant's own. Signatures are checked here; the
/// claim actor decides.
/// </summary>
public static class CustodyEndpoints
{
    public static IEndpointRouteBuilder MapCustody(this IEndpointRouteBuilder app)
    {
        var drops = app.MapGroup("/drops").WithTags("Custodial claims").AllowPublic();

        drops.MapPost("/{id}/custodial-claims", async (string id, [FromBody] CustodialClaimRequest? body, ChallengeVerifier verifier,
                ClaimDomain domain, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var ephemeral = ClaimInput.Wallet(request.Wallet);
                ClaimInput.Drop(grains, id);
                var terms = ChallengeTerms.Custodial(id, ephemeral, ClaimInput.Tier(request.Tier), ClaimInput.EmailHash(request.Email));
                var verdict = verifier.Verify(
                    new SignedClaim(terms, request.Nonce ?? "", request.Expiry, request.Signature ?? "", request.Domain?.ToDomain()),
                    await domain.Current(), out var challenge);
                // Only a valid signature reaches here expired: its first use's status, and nothing new.
                if (verdict == ChallengeVerdict.Expired && await Earlier(grains, id, challenge!.ClaimId, ephemeral) is { } original)
                    return Results.Ok(original);
                if (verdict != ChallengeVerdict.Valid) throw SignatureProblems.For(verdict);

                var claim = Claim(grains, id, challenge!.ClaimId);
                var outcome = await claim.ClaimIntoCustody(new CustodialClaim(ephemeral, request.Email ?? "", request.Tier));
                return outcome.Replayed
                    ? Results.Ok(outcome.Status)
                    : Results.Created($"/drops/{id}/claims/{challenge.ClaimId}/custody", outcome.Status);
            })
            .WithName("ClaimCustodial").WithSummary("Claim into escrow with an ephemeral key's signed custodial challenge (its email hash and tier as signed); a one-time code is mailed to the email")
            .Produces<ClaimStatus>(StatusCodes.Status201Created).Produces<ClaimStatus>()
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(415)
            .LimitClaims();

        drops.MapPost("/{id}/claims/{claimId}/confirm", async (string id, string claimId, [FromBody] ConfirmRequest? body, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var claim = Claim(grains, id, ClaimInput.CustodialClaimId(claimId));
                var signer = CustodyMessages.Signer(CustodyMessages.Confirm(id, claimId), request.Signature)
                    ?? throw SignatureProblems.For(ChallengeVerdict.BadSignature);
                return await claim.Confirm(Code(request.Code) ?? throw CodeRequired(), signer);
            })
            .WithName("ConfirmCustody").WithSummary("Confirm custody with the mailed code, signed by the ephemeral key that claimed")
            .Produces<ClaimStatus>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        drops.MapPost("/{id}/claims/{claimId}/code", async (string id, string claimId, [FromBody] CodeRequest? body, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                await Claim(grains, id, ClaimInput.CustodialClaimId(claimId)).RequestCode(request.Email ?? "");
                return Results.Accepted();
            })
            .WithName("ResendCustodyCode").WithSummary("Mail a fresh code if the email is the claim's (lost phone), or, for a voucher claim (voucher:{node}:{voucherId}), the first code when the email's SHA-256 is the voucher's; 202 either way")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(400).ProducesProblem(404).ProducesProblem(429)
            .RequireRateLimiting(RateLimits.CodeMailPolicy);

        drops.MapPost("/{id}/claims/{claimId}/handoff", async (string id, string claimId, [FromBody] HandOffRequest? body,
                ChallengeVerifier verifier, ClaimDomain domain, IGrainFactory grains) =>
            {
                var request = RequestBody.Required(body);
                var claim = Claim(grains, id, ClaimInput.CustodialClaimId(claimId));
                var wallet = ClaimInput.Wallet(request.Wallet);
                var verdict = verifier.Verify(
                    new SignedClaim(ChallengeTerms.HandOff(id, claimId, wallet), request.Nonce ?? "", request.Expiry, request.Signature ?? "",
                        request.Domain?.ToDomain()),
                    await domain.Current(), out _);
                if (verdict != ChallengeVerdict.Valid) throw SignatureProblems.For(verdict);

                var ephemeral = request.EphemeralSignature is null
                    ? null
                    : CustodyMessages.Signer(CustodyMessages.HandOff(id, claimId, wallet), request.EphemeralSignature)
                      ?? throw SignatureProblems.For(ChallengeVerdict.BadSignature);
                return await claim.HandOff(wallet, new CustodyProof(ephemeral, Code(request.Code)));
            })
            .WithName("HandOffClaim").WithSummary("Hand the token to your own wallet: its signed hand-off challenge (kind hand-off, this claim id) plus the ephemeral key's signature or the mailed code")
            .Produces<ClaimStatus>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(429);

        drops.MapGet("/{id}/claims/{claimId}/custody", (string id, string claimId, IGrainFactory grains) =>
                ClientText.IsValid(claimId, ClientText.MaxIdLength)
                    ? Claim(grains, id, claimId).GetStatus()
                    : throw new Rejected(RejectionCodes.ClaimNotFound, "No such claim."))
            .WithName("GetCustody").WithSummary("Who holds a claim's token now, and how (self-custody, escrow, custodial, handed off); never the email")
            .Produces<ClaimStatus>().ProducesProblem(404);

        // Outside the public group: only an operator may end someone's escrow, so the release policy and the end of
        // escrow can be exercised without waiting out the window.
        app.MapPost("/drops/{id}/claims/{claimId}/escrow/end", (string id, string claimId, HttpContext http, IGrainFactory grains) =>
                ClientText.IsValid(claimId, ClientText.MaxIdLength)
                    ? Claim(grains, id, claimId).EndEscrowEarly(Acting.By(http.User))
                    : throw new Rejected(RejectionCodes.ClaimNotFound, "No such claim."))
            .WithTags("Custodial claims")
            .WithName("EndEscrow").WithSummary("Operator: end an open escrow now under the claim's own policy (release gives an unconfirmed token back to the drop, keep keeps it), recorded on the claim with the caller; an ended escrow answers the same; 409 not-custodial for a self-custody claim")
            .Produces<ClaimStatus>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .RequireOperator();

        return app;
    }

    private static IClaimGrain Claim(IGrainFactory grains, string dropId, string claimId)
    {
        ClaimInput.Drop(grains, dropId);
        return grains.GetGrain<IClaimGrain>(ClaimKey.Of(dropId, claimId));
    }

    private static async Task<ClaimStatus?> Earlier(IGrainFactory grains, string dropId, string claimId, string ephemeral)
    {
        try
        {
            var status = await Claim(grains, dropId, claimId).GetStatus();
            return status.Custody != Custody.SelfCustody && string.Equals(status.Holder, ephemeral, StringComparison.OrdinalIgnoreCase) ? status : null;
        }
        catch (Rejected r) when (r.Code == RejectionCodes.ClaimNotFound)
        {
            return null;
        }
    }

    private static string? Code(string? code) =>
        code is null ? null
        : code.Length <= 16 && ClientText.IsValid(code, 16) ? code
        : throw new Rejected(RejectionCodes.ValidationFailed, "The code is invalid.", new Dictionary<string, string[]> { ["code"] = ["must be the 6 digits mailed"] });

    private static Rejected CodeRequired() =>
        new(RejectionCodes.ValidationFailed, "The mailed code is required.", new Dictionary<string, string[]> { ["code"] = ["is required"] });
}
