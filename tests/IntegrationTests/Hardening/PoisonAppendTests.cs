using System.Diagnostics.Metrics;
using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.IntegrationTests.Infrastructure;
using Npgsql;

namespace MicroEvents.IntegrationTests.Hardening;

/// <summary>
/// PostgreSQL itself refuses some rows for good (here a real trigger raising check_violation, SQLSTATE
/// 23514, for claim ids starting "poison"): the append that holds them fails alone, is never retried,
/// its neighbours in the shared statement still commit, and the actor takes the next command at once.
/// </summary>
public class PoisonAppendTests(PoisonCluster cluster) : IClassFixture<PoisonCluster>
{
    [Fact]
    public async Task a_refused_append_fails_alone_and_the_streams_sharing_its_statement_still_commit()
    {
        var journal = cluster.Journal();
        var keys = Enumerable.Range(0, 20).Select(i => $"drop/shared-{i}-{Guid.NewGuid():N}").ToArray();
        var created = keys.Select(k => DropDecisions.Create(DropState.Initial, Samples.Drop(k[5..40].TrimEnd('-')), DateTimeOffset.UnixEpoch).Events.Cast<object>().ToList()).ToArray();
        created[7].Add(new TokenMinted("poison-1", 1, Samples.Wallet(1), null, DateTimeOffset.UnixEpoch));

        // Queued together, so the commit loop writes most of them in one statement.
        var appends = keys.Select((k, i) => Capture(journal.Append(k, 0, created[i], _ => null))).ToArray();
        var outcomes = await Task.WhenAll(appends);

        outcomes[7].Error.Should().BeOfType<AppendRefused>().Which.Reason.Should().Be("23514");
        outcomes.Where((_, i) => i != 7).Should().OnlyContain(o => o.Error == null && o.Ok);
        await using var session = cluster.Store.QuerySession();
        (await session.Events.FetchStreamStateAsync(keys[7])).Should().BeNull("nothing of the refused append was stored");
        foreach (var key in keys.Where((_, i) => i != 7))
            (await session.Events.FetchStreamStateAsync(key))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task a_drop_whose_append_is_refused_answers_at_once_and_takes_the_next_claim()
    {
        using var failures = new FailedAppendCounter();
        var id = Samples.NewId("poison");
        var drop = await cluster.Client.OpenDrop(Samples.Drop(id, supply: 10));

        var refused = async () => await drop.Claim(new ClaimToken("poison-2", Samples.Wallet(1), null));
        (await refused.Should().ThrowAsync<AppendRefused>()).Which.StreamKey.Should().Be($"drop/{id}");

        var next = await drop.Claim(new ClaimToken("good", Samples.Wallet(2), null)).WaitAsync(TimeSpan.FromSeconds(5));
        next.Receipt.TokenNumber.Should().Be(1, "the refused claim took no token");
        (await drop.GetSummary()).Should().Match<DropSummary>(s => s.Minted == 1 && s.Version == 3);
        failures.Count("23514").Should().BeGreaterThanOrEqualTo(1, "every refused append is counted by its SQLSTATE");
    }

    [Fact]
    public async Task many_drops_claiming_together_lose_nothing_to_one_poisoned_neighbour()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => Samples.NewId("many")).ToArray();
        var drops = await Task.WhenAll(ids.Select(id => cluster.Client.OpenDrop(Samples.Drop(id, supply: 100))));

        var claims = drops.SelectMany((d, i) => Enumerable.Range(0, 5).Select(c =>
            Capture(d.Claim(new ClaimToken(i == 3 && c == 0 ? "poison-3" : $"c{c}", Samples.Wallet(c), null))))).ToArray();
        await Task.WhenAll(claims);

        var summaries = await Task.WhenAll(drops.Select(d => d.GetSummary()));
        summaries.Where((_, i) => i != 3).Should().OnlyContain(s => s.Minted == 5);
        summaries[3].Minted.Should().BeInRange(0, 4, "the poisoned append failed, other claims of drop 3 may have shared it");
        (await drops[3].Claim(new ClaimToken("again", Samples.Wallet(99), null))).Receipt.TokenNumber.Should().Be(summaries[3].Minted + 1);
    }

    private static async Task<(bool Ok, Exception? Error)> Capture<T>(Task<T> task)
    {
        try
        {
            var result = await task;
            return (result is not bool b || b, null);
        }
        catch (Exception e)
        {
            return (false, e);
        }
    }
}

/// <summary>A test cluster whose PostgreSQL schema refuses any event with a claim id starting "poison".</summary>
public class PoisonCluster : DropCluster
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var connection = new NpgsqlConnection(await TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            create function {Schema}.refuse_poison() returns trigger language plpgsql as $$
            begin
              if new.data ->> 'claimId' like 'poison%' then
                raise exception 'refused: poison claim %', new.data ->> 'claimId' using errcode = 'check_violation';
              end if;
              return new;
            end $$;
            create trigger refuse_poison before insert on {Schema}.mt_events for each row execute function {Schema}.refuse_poison();
            -- The journal's own sessions leave ordinary triggers unfired (docs/operations.md); an operator's rule must be "always".
            alter table {Schema}.mt_events enable always trigger refuse_poison;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>Listens to the journal's failed-append counter, as the telemetry exporter will.</summary>
public sealed class FailedAppendCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _byReason = new();

    public FailedAppendCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EventJournal.MeterName && instrument.Name == "microevents.journal.appends.failed")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "reason")
                    lock (_byReason) _byReason[(string)tag.Value!] = _byReason.GetValueOrDefault((string)tag.Value!) + value;
        });
        _listener.Start();
    }

    public long Count(string reason)
    {
        lock (_byReason) return _byReason.GetValueOrDefault(reason);
    }

    public void Dispose() => _listener.Dispose();
}
