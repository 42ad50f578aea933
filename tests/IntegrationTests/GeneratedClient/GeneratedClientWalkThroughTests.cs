using System.Text.Json.Nodes;
using MicroEvents.IntegrationTests.Analysts;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.GeneratedClient;

/// <summary>
/// The README's walk-through, and what follows it in the docs (sign-in, receipts, the event export and its replay
/// check), done only through the client NSwag generated from the served document: if the document misdescribes a
/// request, an answer, an error body or a stream, this is where a client developer would have hit it.
/// </summary>
[Collection(SharedClaimServer.Name)]
public sealed class GeneratedClientWalkThroughTests(ClaimServer server) : IDisposable
{
    private readonly ReplayVerb _verb = new(server);

    [Fact]
    public async Task the_walk_through_runs_through_the_generated_client()
    {
        var anonymous = new MicroEventsClient(server.Anonymous);

        // Sign in with Ethereum: a nonce, the wallet's signature over the EIP-4361 message, a creator token.
        var wallet = new CreatorWallet(server);
        var nonce = await anonymous.GetSignInNonceAsync();
        var message = wallet.Message(nonce.Nonce, expiresIn: TimeSpan.FromMinutes(5));
        var signIn = await anonymous.SignInAsync(new SignInRequest { Message = message, Signature = wallet.Sign(message) });
        server.Secrets.Add(signIn.Token);
        signIn.Wallet.Should().BeEquivalentTo(wallet.Address);
        var creator = new MicroEventsClient(server.NewClient(signIn.Token));

        // Create (draft) and open a drop of 3 tokens as its creator.
        var id = Samples.NewId("generated");
        var created = await creator.CreateDropAsync(new CreateDrop
        {
            Id = id, Title = "Summer Jam", Supply = 3, Creator = wallet.Address,
            Assets = [new DropAsset { Uri = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi/poster.png", Sha256 = new string('9', 64), MediaType = "image/png" }],
        });
        created.Status.Should().Be(DropStatus.Draft);
        (await creator.OpenDropAsync(id)).Status.Should().Be(DropStatus.Open);

        // Claim, then retry the same claim: the identical receipt.
        var phone = Samples.Wallet(42);
        var receipt = await anonymous.ClaimAsync(id, "phone-42", new ClaimRequest { Wallet = phone });
        var retried = await anonymous.ClaimAsync(id, "phone-42", new ClaimRequest { Wallet = phone });
        receipt.TokenNumber.Should().Be(1);
        retried.Should().BeEquivalentTo(receipt);

        // Errors arrive as the documented problem: the same wallet again, and a claim without a wallet.
        var limit = await FluentActions.Invoking(() => anonymous.ClaimAsync(id, null, new ClaimRequest { ClaimId = "phone-43", Wallet = phone }))
            .Should().ThrowAsync<ApiException<ProblemDetails>>();
        limit.Which.StatusCode.Should().Be(409);
        limit.Which.Result.Type.Should().Be("/problems/wallet-limit-reached");
        var invalid = await FluentActions.Invoking(() => anonymous.ClaimAsync(id, "phone-44", new ClaimRequest()))
            .Should().ThrowAsync<ApiException<ProblemDetails>>();
        invalid.Which.StatusCode.Should().Be(400);
        invalid.Which.Result.Type.Should().Be("/problems/validation-failed");
        invalid.Which.Result.Errors.Should().ContainKey("wallet");

        // The summary (public), the signed receipt and its verification, the raw stream (the creator's).
        (await anonymous.GetDropAsync(id, null)).Minted.Should().Be(1);
        var signed = await anonymous.GetReceiptAsync(id, "phone-42");
        (await anonymous.VerifyReceiptAsync(signed.Signer, signed)).Valid.Should().BeTrue();
        var events = await creator.GetDropEventsAsync(id, 1, 100);
        // (then the receipt batch's seal, appended once the mint was signed)
        events.Select(e => e.Type).Should().StartWith(["drop.created.v1", "drop.opened.v1", "drop.token_minted.v1"]);

        // The analysts' export with its hash chain, read as the stream it is, checked by `replay`.
        var analyst = new MicroEventsClient(server.Http);
        using var export = await analyst.ExportEventsAsync(stream: $"drop/{id}", kind: null, alias: null, from: null, to: null,
            after: null, through: null, limit: null, chain: true);
        export.Headers["Content-Type"].Single().Should().StartWith("application/x-ndjson");
        var lines = (await new StreamReader(export.Stream).ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        var trailer = JsonNode.Parse(lines[^1])!;
        trailer["trailer"]!.GetValue<string>().Should().Be(MicroEvents.Replay.ExportTrailer.Format);
        trailer["events"]!.GetValue<long>().Should().Be(lines.Count - 1).And.BeGreaterThanOrEqualTo(events.Count);
        var (exit, output) = await _verb.Replay(lines);
        exit.Should().Be(0, output);
    }

    public void Dispose() => _verb.Dispose();
}
