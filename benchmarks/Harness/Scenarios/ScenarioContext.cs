using Marten;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Load;
using MicroEvents.Benchmarks.Measurement;

namespace MicroEvents.Benchmarks.Scenarios;

/// <summary>What every scenario of one run shares: settings, the database, the Marten store and a run tag.</summary>
public sealed class ScenarioContext(BenchmarkSettings settings, BenchDatabase database, IDocumentStore store, string runTag, ProcessCpu cpu)
{
    /// <summary>CPU of this process, its children and PostgreSQL: every load level reports it per acknowledged claim.</summary>
    public ProcessCpu Cpu => cpu;

    public BenchmarkSettings Settings => settings;
    public BenchDatabase Database => database;
    public IDocumentStore Store => store;

    /// <summary>Lowercase UTC timestamp, part of every drop id so runs against a shared cluster never collide.</summary>
    public string RunTag => runTag;

    /// <summary>The same run on another database (a sustained stage's own, see <see cref="BenchDatabase.Sibling"/>).</summary>
    public ScenarioContext On(BenchDatabase other, IDocumentStore otherStore) => new(settings, other, otherStore, runTag, cpu);

    public StreamAudit Streams { get; } = new(database.ConnectionString, settings.Schema);

    public string DropId(string name) => $"{name}-{runTag}";

    /// <summary>A level over <paramref name="supply"/> plus the overshoot, bounded by the level time limit.</summary>
    public LoadPlan Plan(long supply, int concurrency) =>
        new(concurrency, LoadPlan.AttemptsFor(supply, settings.Overshoot), settings.LevelTimeLimit);
}
