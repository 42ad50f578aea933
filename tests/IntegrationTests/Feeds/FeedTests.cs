using FluentAssertions;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.Feeds;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.Feeds;

/// <summary>A feed hands every stored event of its types over in sequence order, resumes after a restart and never skips one still being written.</summary>
[Collection(FeedCollection.Name)]
public class FeedTests(FeedCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task every_mint_is_delivered_once_in_order_and_a_restart_resumes_after_the_checkpoint()
    {
        var id = Samples.NewId("feed");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 400));
        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null))));
        await cluster.ReadersCaughtUp(Patience);
        cluster.Recorder.For(id).Should().HaveCount(200, "200 mints delivered");

        await cluster.Restart();
        drop = cluster.Client.GetGrain<IDropGrain>(id);
        await Task.WhenAll(Enumerable.Range(200, 100).Select(i => drop.Claim(new ClaimToken($"c{i}", Samples.Wallet(i), null))));
        await cluster.ReadersCaughtUp(Patience);

        var received = cluster.Recorder.For(id);
        received.Select(e => ((TokenMinted)e.Data).TokenNumber).Should().Equal(Enumerable.Range(1, 300).Select(n => (long)n),
            "each mint once, in the drop's order, across the restart");
        received.Select(e => e.Sequence).Should().BeInAscendingOrder();
        received.Should().OnlyContain(e => e.Data is TokenMinted, "only the feed's types are delivered");
    }

    [Fact]
    public async Task an_idle_feed_stores_the_position_it_skipped_to_so_its_stored_lag_closes()
    {
        var drop = await cluster.Client.OpenDrop(Samples.Drop(Samples.NewId("idle"), supply: 10));
        await drop.Claim(new ClaimToken("c0", Samples.Wallet(0), null));
        await Eventually.True(async () => await StoredPosition() >= await Head(), Patience, "a delivered mint's position is stored at once");

        // Right after it, events the feed does not want: skipping them is stored at most once a second, and then nothing comes.
        await cluster.Client.OpenDrop(Samples.Drop(Samples.NewId("idle-unwanted"), supply: 10));
        var head = await Head();
        await Eventually.True(async () => await StoredPosition() >= head, TimeSpan.FromSeconds(5),
            "the stored position, what a restart resumes from and an operator's lag is read from, reaches the head while the feed is idle");
    }

    private async Task<long> StoredPosition()
    {
        await using var session = cluster.Store.QuerySession();
        return (await session.LoadAsync<FeedCheckpoint>(cluster.Recorder.Name))?.Sequence ?? 0;
    }

    private async Task<long> Head()
    {
        await using var connection = cluster.Store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {cluster.Schema}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Slow: waits out the feed's retry back-off, about 4 s.
    [Trait(Category.Name, Category.Slow)]
    [Fact]
    public async Task a_failing_handler_is_retried_until_it_succeeds_and_its_status_says_why_meanwhile()
    {
        var id = Samples.NewId("feedfail");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 10));
        Interlocked.Exchange(ref cluster.Recorder.FailuresLeft, 3);
        await drop.Claim(new ClaimToken("c1", Samples.Wallet(1), null));

        var feed = cluster.Client.GetGrain<IFeedGrain>(cluster.Recorder.Name);
        await Eventually.True(async () => (await feed.GetStatus()).LastError?.Contains("partner is down") == true, Patience, "the failure shows");
        await cluster.ReadersCaughtUp(Patience);
        cluster.Recorder.For(id).Should().HaveCount(1, "the mint delivered after the failures");
        await Eventually.True(async () => (await feed.GetStatus()) is { FailingSince: null, LastError: null }, Patience, "the status clears once it succeeds");
    }

    [Fact]
    public async Task an_event_whose_transaction_is_still_open_holds_back_the_events_committed_after_it()
    {
        var id = Samples.NewId("feedgap");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 10));
        var slow = Samples.NewId("slowdrop");
        var schema = cluster.Schema;

        // An append that took its sequence number first but commits last, as a slow transaction would.
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand($$"""
            insert into {{schema}}.mt_streams (id, version, timestamp, tenant_id) values (@stream, 1, now(), '*DEFAULT*');
            insert into {{schema}}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived)
            values (nextval('{{schema}}.mt_events_sequence'), gen_random_uuid(), @stream, 1,
                    '{"claimId":"held","tokenNumber":1,"wallet":"0x0000000000000000000000000000000000000001","claimedAt":"2026-11-25T00:00:00Z"}',
                    'drop.token_minted.v1', '*DEFAULT*', now(), @dotnet, false)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("stream", $"drop/{slow}");
            insert.Parameters.AddWithValue("dotnet", $"{typeof(TokenMinted).FullName}, {typeof(TokenMinted).Assembly.GetName().Name}");
            await insert.ExecuteNonQueryAsync();
        }

        await drop.Claim(new ClaimToken("after", Samples.Wallet(2), null));
        var feed = cluster.Client.GetGrain<IFeedGrain>(cluster.Recorder.Name);
        var before = (await feed.GetStatus()).Delivered;
        // Several polls go by: the later mint must wait for the open one.
        await Eventually.True(async () => (await feed.GetStatus()).Delivered == before && (await feed.GetStatus()).HighWater > 0, Patience, "the feed polls");
        await Task.Delay(1_000);
        cluster.Recorder.For(id).Should().BeEmpty("a mint committed after an open, earlier one must not overtake it");

        await transaction.CommitAsync();
        await Eventually.True(() => Task.FromResult(cluster.Recorder.For(id).Count == 1 && cluster.Recorder.For(slow).Count == 1),
            Patience, "both delivered once the slow append commits");
        var order = cluster.Recorder.Received.Where(e => e.StreamKey == $"drop/{slow}" || e.StreamKey == $"drop/{id}").Select(e => e.StreamKey).ToList();
        order.Should().Equal($"drop/{slow}", $"drop/{id}");
    }
}
