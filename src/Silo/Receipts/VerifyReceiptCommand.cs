using System.CommandLine;
using System.Text.Json;
using MicroEvents.Gateway;
using MicroEvents.Gateway.Receipts;
using MicroEvents.Receipts;
using MicroEvents.Signatures.Receipts;

namespace MicroEvents.Silo.Receipts;

/// <summary><c>verify-receipt FILE --signer 0x…</c>: checks a receipt with nothing but the file: no server, no database.</summary>
public static class VerifyReceiptCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A receipt as GET /drops/{id}/claims/{claimId}/receipt returns it (JSON)" };
        var signer = new Option<string?>("--signer") { Description = "The drop's signer address you trust (from its summary or GET /drops/{id}/signer)" };
        var command = new Command("verify-receipt", "Verify a signed receipt offline: Merkle proof, root signature, signer.") { file, signer };
        command.SetAction(parse => Verify(parse.GetValue(file)!, parse.GetValue(signer), parse.InvocationConfiguration.Output));
        return command;
    }

    public static int Verify(FileInfo file, string? signer, TextWriter output)
    {
        ReceiptView? receipt;
        try
        {
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            GatewayHost.Configure(json);
            receipt = JsonSerializer.Deserialize<ReceiptView>(File.ReadAllText(file.FullName), json);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            output.WriteLine($"unreadable: {e.Message}");
            return 2;
        }
        if (receipt?.Leaf is null || receipt.Proof is null)
        {
            output.WriteLine("unreadable: not a receipt (leaf and proof are required)");
            return 2;
        }

        var verdict = ReceiptVerifier.Verify(ReceiptEndpoints.ToBatchReceipt(receipt), signer);
        if (verdict != ReceiptVerdict.Valid)
        {
            output.WriteLine($"invalid: {verdict}");
            return 1;
        }
        output.WriteLine($"valid: token {receipt.Leaf.TokenNumber} of drop {receipt.Leaf.DropId} (claim {receipt.Leaf.ClaimId}, holder {receipt.Leaf.Holder}), " +
            $"root {receipt.Root} signed by {receipt.Signer}{(signer is null ? " (no --signer given: the signer itself is not checked)" : "")}");
        return 0;
    }
}
