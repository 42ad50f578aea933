using MicroEvents.Gateway.Auth;
using MicroEvents.Drops;
using MicroEvents.Gateway.Problems;
using MicroEvents.Receipts;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Receipts;
using MicroEvents.Text;
using Microsoft.AspNetCore.Mvc;

namespace MicroEvents.Gateway.Receipts;

/// <summary>Signed batch receipts: fetch one, learn a drop's signer, verify any receipt (statelessly, here in the gateway).</summary>
public static class ReceiptEndpoints
{
    public static IEndpointRouteBuilder MapReceipts(this IEndpointRouteBuilder app)
    {
        var drops = app.MapGroup("/drops").WithTags("Receipts").AllowPublic();

        drops.MapGet("/{id}/claims/{claimId}/receipt", async (string id, string claimId, IGrainFactory grains) =>
                ClientText.IsValid(claimId, ClientText.MaxIdLength)
                    ? await (await Sealer(grains, id)).GetReceipt(claimId)
                    : throw new Rejected(RejectionCodes.ClaimNotFound, "No such claim."))
            .WithName("GetReceipt").WithSummary("A claim's signed batch receipt: leaf, Merkle proof, root, the drop key's signature and address")
            .Produces<ReceiptView>().ProducesProblem(404);

        drops.MapGet("/{id}/signer", async (string id, IGrainFactory grains) => new SignerView(await (await Sealer(grains, id)).GetSigner()))
            .WithName("GetSigner").WithSummary("The address of the drop's receipt-signing key").Produces<SignerView>().ProducesProblem(404);

        app.MapPost("/receipts/verify", async ([FromBody] ReceiptView? body, [FromQuery] string? signer, IGrainFactory grains) =>
            {
                var receipt = RequestBody.Required(body);
                if (receipt.Leaf is null || receipt.Proof is null)
                    throw new Rejected(RejectionCodes.ValidationFailed, "A receipt needs its leaf and proof.",
                        new Dictionary<string, string[]> { ["leaf"] = ["is required"], ["proof"] = ["is required"] });
                // A receipt names its own signer, so it proves nothing until that signer is one the verifier trusts: the
                // caller's ?signer=, else the key the drop published. A drop without a key yet has signed no receipt.
                var trusted = signer ?? await (await Sealer(grains, receipt.Leaf.DropId ?? "")).FindSigner() ?? NoKeyYet;
                var verdict = ReceiptVerifier.Verify(ToBatchReceipt(receipt), trusted);
                return new VerificationView(verdict == ReceiptVerdict.Valid, verdict);
            })
            .WithTags("Receipts")
            .WithName("VerifyReceipt").WithSummary("Verify a receipt: proof against root, root signature against the receipt's signer, and that signer against ?signer= or else the drop's published signing key (GET /drops/{id}/signer)")
            .Produces<VerificationView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(415)
            .AllowPublic();

        return app;
    }

    public static BatchReceipt ToBatchReceipt(ReceiptView r) => new(
        new ReceiptLeaf(r.Leaf.DropId ?? "", r.Leaf.TokenNumber, r.Leaf.ClaimId ?? "", r.Leaf.Holder ?? "", r.Leaf.ManifestHash ?? "", r.Leaf.MintedAt),
        r.Proof, r.Root ?? "", r.Signature ?? "", r.Signer ?? "");

    // No address has this key, so a drop that has none yet verifies nothing.
    private const string NoKeyYet = "0x0000000000000000000000000000000000000000";

    /// <summary>
    /// The drop's sealer, once the drop is known to exist: reading must not create, so a request for an unknown
    /// drop is answered 404 by the drop without activating a sealer.
    /// </summary>
    private static async Task<IReceiptSealerGrain> Sealer(IGrainFactory grains, string id)
    {
        await grains.GetGrain<IDropGrain>(DropId.Existing(id)).GetSummary();
        return grains.GetGrain<IReceiptSealerGrain>(id);
    }
}

public sealed record SignerView(string Address);

public sealed record VerificationView(bool Valid, ReceiptVerdict Verdict);
