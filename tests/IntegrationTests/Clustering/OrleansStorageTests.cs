using MicroEvents.IntegrationTests.Infrastructure;
using MicroEvents.Silo.Clustering;
using Npgsql;
using Orleans.TestingHost;

namespace MicroEvents.IntegrationTests.Clustering;

/// <summary>Grain state and reminders through Orleans' own ADO.NET providers on the project's SQL.</summary>
[Trait(Category.Name, Category.Slow)]
public class OrleansStorageTests : IAsyncLifetime
{
    private readonly string _schema = TestPostgres.NewSchema();
    private readonly string _serviceId = "tally-" + Guid.NewGuid().ToString("N")[..8];
    private string _connection = "";
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _connection = await TestPostgres.ConnectionString;
        await OrleansSchema.Apply(_connection, _schema);
        await Start();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await TestPostgres.DropSchema(_schema);
    }

    [Fact]
    public async Task grain_state_survives_a_restart_of_the_cluster()
    {
        var tally = _cluster.Client.GetGrain<ITally>("visits");
        await tally.Add();
        (await tally.Add()).Should().Be(2);

        await _cluster.DisposeAsync();
        await Start();

        (await _cluster.Client.GetGrain<ITally>("visits").Add()).Should().Be(3);
    }

    [Fact]
    public async Task a_reminder_is_stored_and_fires()
    {
        var tally = _cluster.Client.GetGrain<ITally>("reminded");
        await tally.RemindSoon();

        await Eventually.True(async () => await tally.Reminded() > 0, TimeSpan.FromSeconds(60), "the reminder never fired");
        await using var db = new NpgsqlConnection(_connection);
        await db.OpenAsync();
        await using var rows = new NpgsqlCommand($"SELECT count(*) FROM \"{_schema}\".orleansreminderstable WHERE remindername = 'tally'", db);
        ((long)(await rows.ExecuteScalarAsync())!).Should().Be(1);
    }

    private async Task Start()
    {
        var builder = new InProcessTestClusterBuilder(1);
        // Grain state is keyed by service id; a restarted deployment keeps it (the test cluster would pick a new one).
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSilo((_, silo) => silo.AddOrleansStorage(_connection, _schema));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }
}

public interface ITally : IGrainWithStringKey
{
    Task<int> Add();
    Task RemindSoon();
    Task<int> Reminded();
}

[GenerateSerializer]
public sealed class TallyState
{
    [Id(0)] public int Count { get; set; }
    [Id(1)] public int Reminded { get; set; }
}

public sealed class TallyGrain([PersistentState("tally", ClusterHosting.GrainStateStorage)] IPersistentState<TallyState> state)
    : Grain, ITally, IRemindable
{
    public async Task<int> Add()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    // Orleans' shortest reminder period is a minute; the first tick comes after the due time.
    public Task RemindSoon() => this.RegisterOrUpdateReminder("tally", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    public Task<int> Reminded() => Task.FromResult(state.State.Reminded);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Reminded++;
        await state.WriteStateAsync();
    }
}
