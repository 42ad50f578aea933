using Marten;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace MicroEvents.IntegrationTests.Analysts;

/// <summary>
/// Old aliases stay readable forever: a v1 event stored by the journal still loads, as the v2 shape,
/// once the code has moved on to v2 and registers a Marten upcaster for the old alias.
/// </summary>
public class UpcasterTests : IAsyncLifetime
{
    private const string V1 = "probe.venue_noted.v1";
    private const string V2 = "probe.venue_noted.v2";
    private readonly string _schema = TestPostgres.NewSchema();
    private string _connection = "";

    public async Task InitializeAsync() => _connection = await TestPostgres.ConnectionString;

    public Task DisposeAsync() => TestPostgres.DropSchema(_schema, _connection);

    [Fact]
    public async Task a_stored_v1_event_loads_as_v2_after_the_new_shape_is_introduced()
    {
        using (var before = Store(o => o.Events.MapEventType<VenueNotedV1>(V1)))
        {
            await JournalStore.ApplySchema(before);
            (await Journal(before).Append("probe/p1", 0, [new VenueNotedV1("Hall 7")], _ => "c-1")).Should().BeTrue();
        }

        using var after = Store(o =>
        {
            o.Events.MapEventType<VenueNotedV2>(V2);
            o.Events.Upcast<VenueNotedV1, VenueNotedV2>(V1, old => new VenueNotedV2(old.Venue, City: null));
        });
        await JournalStore.ApplySchema(after);
        (await Journal(after).Append("probe/p1", 1, [new VenueNotedV2("Hall 8", "Lisbon")], _ => "c-2")).Should().BeTrue();

        await using var session = after.QuerySession();
        var stream = await session.Events.FetchStreamAsync("probe/p1");
        stream.Select(e => e.Data).Should().Equal(new VenueNotedV2("Hall 7", null), new VenueNotedV2("Hall 8", "Lisbon"));
        stream.Select(e => e.EventTypeName).Should().Equal([V1, V2], "stored rows keep the alias they were written under");
        stream[0].CorrelationId.Should().Be("c-1");
    }

    [Fact]
    public async Task without_the_upcaster_the_old_alias_is_not_read_as_the_new_shape()
    {
        using (var before = Store(o => o.Events.MapEventType<VenueNotedV1>(V1)))
        {
            await JournalStore.ApplySchema(before);
            await Journal(before).Append("probe/p2", 0, [new VenueNotedV1("Hall 7")], _ => null);
        }
        using var after = Store(o => o.Events.MapEventType<VenueNotedV2>(V2));
        await using var session = after.QuerySession();
        var read = async () => (await session.Events.FetchStreamAsync("probe/p2")).Select(e => e.Data).ToList();
        (await ReadOrFailure(read)).Should().NotContain(x => x is VenueNotedV2);
    }

    private static async Task<IReadOnlyList<object>> ReadOrFailure(Func<Task<List<object>>> read)
    {
        try { return await read(); }
        catch (Exception) { return []; }
    }

    private DocumentStore Store(Action<StoreOptions> shape) => JournalStore.Create(_connection, _schema, shape);

    private static EventJournal Journal(IDocumentStore store) =>
        new(store, Options.Create(new JournalOptions { SnapshotEvery = 0 }));

    public sealed record VenueNotedV1(string Venue);

    public sealed record VenueNotedV2(string Venue, string? City);
}
