using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts.Events;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.EventSourcing;

/// <summary>
/// A hot drop's snapshot no longer rewrites every mint (issue #30): full pages of mints are written once, each snapshot
/// writes the pages filled since the last plus a head that does not grow with the drop, and reactivation reads head and
/// pages back to the same drop. A page that is gone makes the drop fold its stream, never lose a mint.
/// </summary>
[Collection(SnapshottingCollection.Name)]
public class SnapshotPageTests(SnapshottingCluster cluster)
{
    [Fact]
    public async Task a_large_drop_writes_each_page_of_mints_once_and_comes_back_from_head_and_pages()
    {
        var id = Samples.NewId("paged");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 40_000));
        await Claim(drop, 0, 2 * DropSnapshotJson.MintsPerPage + 500);
        await PagesStored(id, 2);
        var page0 = await Modified(SnapshotStore.PageId($"drop/{id}", 0));

        await Claim(drop, 2 * DropSnapshotJson.MintsPerPage + 500, 4 * DropSnapshotJson.MintsPerPage + 500);
        await PagesStored(id, 4);

        (await Modified(SnapshotStore.PageId($"drop/{id}", 0))).Should().Be(page0, "a full page is written once, not at every snapshot");
        (await HeadBytes(id)).Should().BeLessThan(200_000, "the head holds at most one page's worth of mints, whatever the drop's size");

        var before = await drop.GetSummary();
        int[] sample = [0, DropSnapshotJson.MintsPerPage - 1, DropSnapshotJson.MintsPerPage, 2 * DropSnapshotJson.MintsPerPage + 345, 4 * DropSnapshotJson.MintsPerPage + 499];
        var receipts = await Task.WhenAll(sample.Select(i => drop.GetClaim($"c{i}")));
        await cluster.Cluster.DeactivateAsync(drop);

        (await drop.GetSummary()).Should().BeEquivalentTo(before);
        (await drop.GetJournalStats()).EventsReadOnActivation.Should().BeLessThan(1_000, "head and pages, then the short tail");
        (await Task.WhenAll(sample.Select(i => drop.GetClaim($"c{i}")))).Should().Equal(receipts);
        (await drop.Claim(new ClaimToken("c1234", Samples.Wallet(1_234), null))).Replayed.Should().BeTrue("a claim whose mint is in a page is found again");
        (await drop.Claim(new ClaimToken("after", Samples.Wallet(99_999), null))).Receipt.TokenNumber.Should().Be(before.Minted + 1);
    }

    [Fact]
    public async Task a_snapshot_whose_page_is_gone_is_ignored_and_the_drop_folds_its_stream()
    {
        var (id, drop) = await DropWithOnePage("pagegone", DropSnapshotJson.MintsPerPage + 200);
        var before = await drop.GetSummary();
        var receipt = await drop.GetClaim("c42");

        await Execute($"delete from {cluster.Schema}.mt_doc_actorsnapshot where id = @id", SnapshotStore.PageId($"drop/{id}", 0));
        await cluster.Cluster.DeactivateAsync(drop);

        (await drop.GetSummary()).Should().BeEquivalentTo(before);
        (await drop.GetJournalStats()).EventsReadOnActivation.Should().Be((int)before.Version, "without its page the snapshot is not used");
        (await drop.GetClaim("c42")).Should().Be(receipt);
    }

    [Fact]
    public async Task a_drop_sealed_many_times_pages_its_seals_and_comes_back_with_every_seal()
    {
        var id = Samples.NewId("sealpaged");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 40_000));
        await Claim(drop, 0, 1_500);
        // 100 seals of 10 mints each over the first 1,000 mints (the stream's first two events created and opened the drop).
        var seals = Enumerable.Range(0, 100).Select(k => new BatchSealed(3 + 10 * k, 12 + 10 * k, 1 + 10 * k, 10 + 10 * k,
            $"0x{k:x64}", $"0x{k:x130}", Samples.Wallet(1), DateTimeOffset.UtcNow, 10)).ToList();
        (await drop.RecordBatchSeals(seals)).Should().Be(100);
        await Claim(drop, 1_500, 2 * DropSnapshotJson.MintsPerPage + 500);
        await PagesStored(id, 2 + 1);

        var inHead = Convert.ToInt32(await Scalar($"select jsonb_array_length(data->'state'->'seals') from {cluster.Schema}.mt_doc_actorsnapshot where id = @id", $"drop/{id}"));
        inHead.Should().Be(100 - DropSnapshotJson.SealsPerPage, "a full page of seals is stored once, beside the head");
        // Claims made together may mint in any order: picked by token, the first, both sides of the first seal page, the
        // last sealed mint and one after every seal.
        var tokenOf = (await Task.WhenAll(Enumerable.Range(0, 1_500).Select(i => drop.GetClaim($"c{i}")))).ToDictionary(r => r.TokenNumber, r => r.ClaimId);
        var claims = new long[] { 1, 640, 641, 1_000, 1_201 }.Select(t => tokenOf[t]).ToArray();
        var before = await Task.WhenAll(claims.Select(drop.GetSealedClaim));
        before[3].Batch.Should().NotBeNull();
        before[4].Batch.Should().BeNull();
        await cluster.Cluster.DeactivateAsync(drop);

        (await drop.GetJournalStats()).EventsReadOnActivation.Should().BeLessThan(1_000, "head and pages of both kinds, then the short tail");
        (await Task.WhenAll(claims.Select(drop.GetSealedClaim))).Should().Equal(before);
    }

    [Fact]
    public async Task snapshot_pages_and_heads_are_compressed_with_lz4_not_pglz()
    {
        var (id, _) = await DropWithOnePage("lz4", DropSnapshotJson.MintsPerPage + 500);

        // pglz cost PostgreSQL 2.7 ms a page under load; lz4 a fraction of it (issue #30).
        foreach (var document in new[] { SnapshotStore.PageId($"drop/{id}", 0), $"drop/{id}" })
            (await Scalar($"select pg_column_compression(data) from {cluster.Schema}.mt_doc_actorsnapshot where id = @id", document))
                .Should().Be("lz4", $"{document} is large enough to be compressed, and the column says how");

        // Applying the schema again (every start) keeps it, and changes nothing else.
        await JournalStore.ApplySchema(cluster.Store);
        (await Scalar($"select attcompression::text from pg_attribute where attrelid = '{cluster.Schema}.mt_doc_actorsnapshot'::regclass and attname = @id", "data"))
            .Should().Be("l");
    }

    private async Task<(string Id, IDropGrain Drop)> DropWithOnePage(string name, int claims)
    {
        var id = Samples.NewId(name);
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 20_000));
        await Claim(drop, 0, claims);
        await PagesStored(id, 1);
        return (id, drop);
    }

    private static async Task Claim(IDropGrain drop, int from, int to)
    {
        for (var start = from; start < to; start += 2_000)
            await Task.WhenAll(Enumerable.Range(start, Math.Min(2_000, to - start)).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null))));
    }

    private async Task PagesStored(string id, int pages)
    {
        var drop = cluster.Client.GetGrain<IDropGrain>(id);
        // A snapshot is taken at a boundary after each append; one more claim crosses the next boundary if the last was missed.
        var extra = 0;
        await Eventually.True(async () =>
        {
            await using var session = cluster.Store.QuerySession();
            if ((await session.LoadAsync<ActorSnapshot>($"drop/{id}"))?.Pages >= pages) return true;
            for (var i = 0; i < 101; i++) await drop.Claim(new ClaimToken($"extra-{extra++}", Samples.Wallet(500_000 + extra), null));
            return false;
        }, TimeSpan.FromSeconds(60), $"a snapshot of drop/{id} standing on {pages} pages");
    }

    private async Task<DateTime> Modified(string documentId) =>
        (DateTime)(await Scalar($"select mt_last_modified from {cluster.Schema}.mt_doc_actorsnapshot where id = @id", documentId))!;

    private async Task<long> HeadBytes(string id) =>
        Convert.ToInt64(await Scalar($"select octet_length(data::text) from {cluster.Schema}.mt_doc_actorsnapshot where id = @id", $"drop/{id}"));

    private async Task<object?> Scalar(string sql, string id)
    {
        await using var connection = cluster.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync();
    }

    private async Task Execute(string sql, string id)
    {
        await using var connection = cluster.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }
}
