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
        var drops = app.MapGroup("/drops").WithTags("Receipts");

        drops.MapGet("/{id}/claims/{claimId}/receipt", (string id, string claimId, IGrainFactory grains) =>
                ClientText.IsValid(claimId, ClientText.MaxIdLength)
                    ? Sealer(grains, id).GetReceipt(claimId)
                    : throw new Rejected(RejectionCodes.ClaimNotFound, "No such claim."))
            .WithSummary("A claim's signed batch receipt: leaf, Merkle proof, root, the drop key's signature and address")
            .Produces<ReceiptView>().ProducesProblem(404);

        drops.MapGet("/{id}/signer", async (string id, IGrainFactory grains) => new SignerView(await Sealer(grains, id).GetSigner()))
            .WithSummary("The address of the drop's receipt-signing key").Produces<SignerView>().ProducesProblem(404);

        app.MapPost("/receipts/verify", ([FromBody] ReceiptView? body, [FromQuery] string? signer) =>
            {
                var receipt = RequestBody.Required(body);
                if (receipt.Leaf is null || receipt.Proof is null)
                    throw new Rejected(RejectionCodes.ValidationFailed, "A receipt needs its leaf and proof.",
                        new Dictionary<string, string[]> { ["leaf"] = ["is required"], ["proof"] = ["is required"] });
                var verdict = ReceiptVerifier.Verify(ToBatchReceipt(receipt), signer);
                return new VerificationView(verdict == ReceiptVerdict.Valid, verdict);
            })
            .WithTags("Receipts")
            .WithSummary("Verify a receipt offline-style: proof against root, root signature against signer (and against ?signer= if given)")
            .Produces<VerificationView>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(415);

        return app;
    }

    public static BatchReceipt ToBatchReceipt(ReceiptView r) => new(
        new ReceiptLeaf(r.Leaf.DropId ?? "", r.Leaf.TokenNumber, r.Leaf.ClaimId ?? "", r.Leaf.Holder ?? "", r.Leaf.ManifestHash ?? "", r.Leaf.MintedAt),
        r.Proof, r.Root ?? "", r.Signature ?? "", r.Signer ?? "");

    private static IReceiptSealerGrain Sealer(IGrainFactory grains, string id) =>
        DropId.IsValid(id) ? grains.GetGrain<IReceiptSealerGrain>(id) : throw new Rejected(RejectionCodes.DropNotFound, $"No drop '{id}'.");
}

public sealed record SignerView(string Address);

public sealed record VerificationView(bool Valid, ReceiptVerdict Verdict);
