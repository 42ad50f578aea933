using MicroEvents.Drops;
using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Rejections;
using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>2xx means durable: a retry of a claim still in flight is answered only once its mint is committed.</summary>
[Collection(SharedDropCluster.Name)]
public class DurableAnswerTests(DropCluster cluster)
{
    [Fact]
    public async Task a_retry_of_a_pending_claim_waits_for_its_commit_and_agrees_with_the_stored_receipt()
    {
        var id = Samples.NewId("pending");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 10));

        // A real lock on the stream table holds the append in PostgreSQL: the claim is decided, not stored.
        await using var blocker = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await blocker.OpenAsync();
        var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand($"lock table {cluster.Schema}.mt_streams in exclusive mode", blocker, hold))
            await lockTable.ExecuteNonQueryAsync();

        var claim = new ClaimToken("phone-42", Samples.Wallet(42), null);
        var first = drop.Claim(claim);
        var retry = drop.Claim(claim);
        var lookup = async () => await drop.GetClaim("phone-42");

        // Orleans may deliver the two calls in either order; neither may answer before the mint is stored.
        var answered = Task.WhenAny(first, retry);
        (await Task.WhenAny(answered, Task.Delay(TimeSpan.FromSeconds(1.5)))).Should().NotBe(answered, "the mint is not stored yet, so no call has an answer yet");
        (await lookup.Should().ThrowAsync<Rejected>()).Which.Code.Should().Be(RejectionCodes.ClaimNotFound);

        await hold.RollbackAsync();
        var outcomes = new[] { await first, await retry };
        outcomes.Count(o => o.Replayed).Should().Be(1, "one call minted, the other found that mint");
        var stored = outcomes.Single(o => !o.Replayed);
        outcomes.Should().OnlyContain(o => o.Receipt == stored.Receipt);
        (await drop.GetClaim("phone-42")).Should().Be(stored.Receipt);
    }
}
