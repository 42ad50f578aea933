using MicroEvents.EventSourcing;
using MicroEvents.Access;
using System.Net.Http.Json;
using System.Text.Json;
using MicroEvents.Benchmarks.Infrastructure;
using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Benchmarks.Scenarios;
using Microsoft.Extensions.Logging;

namespace MicroEvents.Benchmarks.Faults;

/// <summary>
/// The <c>fault</c> scenario: its own PostgreSQL and a silo as a separate OS process; phones claim on several
/// drops while the silo is SIGKILLed and restarted, PostgreSQL is stopped for a while and started again, and
/// poison requests arrive; then the streams are audited against every answer. Exit code 0 only if every check passed.
/// </summary>
public static class FaultRun
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> Execute(BenchmarkSettings settings, FaultPlan plan, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var runId = started.ToString("yyyyMMdd'T'HHmmss'Z'");
        var tag = runId.ToLowerInvariant();
        using var logs = HarnessLogging.Factory(LogLevel.Information);
        var log = logs.CreateLogger("MicroEvents.Benchmarks");
        Progress.Line($"run {runId}: fault; {plan.Phones} phones on {plan.Drops} drops; SIGKILL of the silo at {plan.BeforeKill.TotalSeconds:0} s, " +
            $"PostgreSQL down for {plan.Outage.TotalSeconds:0} s, poison requests; {Environment.ProcessorCount} cores");

        var errors = new List<string>();
        FaultResult? result = null;
        var server = "";
        try
        {
            await using var db = await FaultDatabase.Open(Path.Combine(settings.OutputDirectory, ".pgdata-fault"), tag, settings.KeepDatabase, log, ct);
            server = db.Server;
            result = await Run(settings, plan, db, runId, tag, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            errors.Add($"fault: {e.GetType().Name}: {e.Message}");
            Progress.Line($"fault FAILED: {e}");
        }

        ct.ThrowIfCancellationRequested();
        var report = new RunReport
        {
            RunId = runId,
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            Machine = MachineInfo.Current(),
            Settings = new { Scenarios = new[] { ScenarioNames.Fault }, Plan = plan, settings.Schema, settings.KeepDatabase, settings.OutputDirectory },
            Database = server,
            Definitions = Definitions,
            Scenarios = [],
            ColdStarts = [],
            Comparisons = [],
            Targets = [],
            Fault = result,
            Errors = errors,
        };
        var markdown = MarkdownTable.Render(report);
        Console.Out.Write(markdown);
        foreach (var file in ResultFiles.Write(report, markdown, settings.OutputDirectory))
            Progress.Line($"wrote {Path.GetRelativePath(Environment.CurrentDirectory, file)}");
        return report.CorrectnessPassed ? 0 : 1;
    }

    private static async Task<FaultResult> Run(BenchmarkSettings settings, FaultPlan plan, FaultDatabase db, string runId, string tag, CancellationToken ct)
    {
        var timeline = new FaultTimeline();
        var ports = SiloProcess.Ports.Free();
        var siloLogs = new List<string>();
        var startTimeout = TimeSpan.FromSeconds(120);
        // One throw-away key-encryption key for the run: the restarted silo must unwrap the drops' signing keys.
        var keyEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        SiloProcess StartSilo()
        {
            var path = Path.Combine(settings.OutputDirectory, $"fault-{runId}-silo-{siloLogs.Count + 1}.log");
            siloLogs.Add(Path.GetRelativePath(Environment.CurrentDirectory, path));
            return SiloProcess.Start(db.ConnectionString, settings.Schema, ports, path, keyEncryptionKey);
        }

        var dropIds = Enumerable.Range(0, plan.Drops).Select(d => $"fault-{d}-{tag}").ToArray();
        var answers = new AnswerLog();
        IReadOnlyList<PoisonResult> poison = [];
        var summaries = new Dictionary<string, long?>();
        var receipts = new ReceiptReadback(0, []);
        var silo = StartSilo();
        try
        {
            await silo.WaitUntilReady(ports.BaseAddress, startTimeout, ct);
            Progress.Line($"silo pid {silo.Id} ready on {ports.BaseAddress}");
            using var http = Phones.Client(ports.BaseAddress, plan.Phones + 2);
            // Creating drops and the poison manifests need an operator; the key is made in the suite's own database.
            using (var store = JournalStore.Create(db.ConnectionString, settings.Schema))
            {
                var (_, key) = await new ApiKeyStore(new AccessDatabase(store), TimeProvider.System).Create(AccessRole.Operator, "fault suite", DateTimeOffset.UtcNow.AddHours(2), ct);
                http.DefaultRequestHeaders.Authorization = new("Bearer", key);
            }
            for (var d = 0; d < plan.Drops; d++) await CreateOpen(http, dropIds[d], plan.SupplyOf(d), ct);

            var phones = new Phones(plan, http, dropIds, answers);
            timeline.LoadStartedAt = answers.Now;
            var load = phones.Run(ct);
            try
            {
                await Task.Delay(plan.BeforeKill, ct);

                var afterKill = answers.NextAcknowledgement(sentAfterNow: true);
                timeline.KilledAt = answers.Now;
                await silo.Kill();
                Progress.Line($"SIGKILL silo pid {silo.Id} at {timeline.KilledAt:0.0} s ({Acknowledged(answers)} acknowledged so far); starting it again");
                await silo.DisposeAsync();
                silo = StartSilo();
                timeline.RestartedAt = answers.Now;
                await silo.WaitUntilReady(ports.BaseAddress, startTimeout, ct);
                timeline.ReadyAt = answers.Now;
                timeline.FirstAcknowledgedAfterKillAt = await Within(afterKill, plan.RecoveryBound, ct);
                Progress.Line($"silo pid {silo.Id} ready {timeline.ReadyAt - timeline.KilledAt:0.0} s after the kill; first 2xx {timeline.FirstAcknowledgedAfterKillAt - timeline.KilledAt:0.0} s after it");

                await Task.Delay(plan.Settle, ct);
                timeline.PostgresStoppingAt = answers.Now;
                await db.Stop(ct);
                timeline.PostgresDownAt = answers.Now;
                Progress.Line($"PostgreSQL stopped at {timeline.PostgresDownAt:0.0} s ({Acknowledged(answers)} acknowledged so far)");
                await Task.Delay(plan.Outage, ct);
                timeline.PostgresStartingAt = answers.Now;
                await db.StartAgain(ct);
                var afterPostgres = answers.NextAcknowledgement(sentAfterNow: false);
                timeline.PostgresBackAt = answers.Now;
                timeline.FirstAcknowledgedAfterPostgresAt = await Within(afterPostgres, plan.RecoveryBound, ct);
                Progress.Line($"PostgreSQL back at {timeline.PostgresBackAt:0.0} s; first 2xx {timeline.FirstAcknowledgedAfterPostgresAt - timeline.PostgresBackAt:0.00} s after it");

                await Task.Delay(plan.Settle / 2, ct);
                timeline.PoisonSentAt = answers.Now;
                poison = await Poison.Send(http, dropIds[0], tag, ct);
                timeline.PoisonAnsweredAt = answers.Now;
                Progress.Line($"poison: {string.Join(", ", poison.Select(p => $"{p.Status} {p.Code}"))}");
                await Task.Delay(plan.Tail, ct);
            }
            finally
            {
                phones.StopNewClaims();
                timeline.NewClaimsStoppedAt = answers.Now;
                await load.WaitAsync(plan.ClaimDeadline + plan.RequestTimeout + plan.RequestTimeout, ct);
                timeline.DrainedAt = answers.Now;
                Progress.Line($"phones done at {timeline.DrainedAt:0.0} s: {answers.Outcomes.Count:N0} claims, {Acknowledged(answers)} acknowledged, {answers.Answers.Count:N0} requests");
            }

            foreach (var id in dropIds) summaries[id] = await Minted(http, id, ct);
            receipts = await ReceiptReadback.Check(http, dropIds, answers.Outcomes, spread: 1_000, ct);
            timeline.ShutdownSeconds = (await silo.Interrupt(plan.ShutdownBound))?.TotalSeconds is { } s ? Math.Round(s, 2) : null;
        }
        finally
        {
            await silo.DisposeAsync();
        }

        var streams = new StoredClaims(db.ConnectionString, settings.Schema);
        return FaultAudit.Judge(new FaultObservations(plan, timeline, dropIds, answers.Answers, answers.Outcomes,
            await streams.DropStreams(ct), await streams.StreamsStartingWith($"drop/{Poison.Prefix}", ct), poison, summaries, receipts, siloLogs));
    }

    private static string Acknowledged(AnswerLog answers) => answers.Outcomes.Count(o => o.Fate == ClaimFate.Acknowledged).ToString("N0");

    private static async Task<double?> Within(Task<double> moment, TimeSpan bound, CancellationToken ct)
    {
        try
        {
            return await moment.WaitAsync(bound, ct);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private static async Task CreateOpen(HttpClient http, string id, long supply, CancellationToken ct)
    {
        using var created = await http.PostAsJsonAsync("drops", BenchDrops.Manifest(id, supply), Json, ct);
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"create {id}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(ct)}");
        using var opened = await http.PostAsync($"drops/{id}/open", null, ct);
        if (!opened.IsSuccessStatusCode) throw new InvalidOperationException($"open {id}: {(int)opened.StatusCode} {await opened.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task<long?> Minted(HttpClient http, string id, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync($"drops/{id}", ct);
            if (!response.IsSuccessStatusCode) return null;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return doc.RootElement.GetProperty("minted").GetInt64();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private static readonly Dictionary<string, string> Definitions = new()
    {
        ["fault.load"] = "phones: N concurrent callers, each claims one token at a time on drop (claim index mod drops) with its own claim id " +
            "(Idempotency-Key header) and wallet; after a 503 it waits Retry-After, after a refused or cut connection or a time-out 1 s " +
            "(plus up to 250 ms jitter), then retries the same claim id, until a 2xx or a 4xx, or it gives up (abandoned)",
        ["fault.faults"] = "SIGKILL of the silo process, then the same command again on the same ports; later PostgreSQL stopped (pg_ctl stop -m fast) " +
            "and, after the outage, started on the same port; then poison requests (NUL, lone surrogates, control characters in claim ids, headers, manifests)",
        ["fault.recovery"] = "after the kill: SIGKILL to the first 2xx of a request sent after it; after the outage: PostgreSQL accepting connections " +
            "again to the first 2xx received after that",
        ["fault.audit"] = "read from <schema>.mt_events alone: every acknowledged claim stored once in its drop with the token it was told (lost, wrongToken), " +
            "no claim id twice (duplicated), tokens per drop exactly 1..n, n ≤ supply, rejected and poison requests stored nothing; answers only 2xx, " +
            "409 sold-out on the sell-out drop, 503 unavailable with Retry-After, or connection errors between the kill and the restarted silo being ready (+ grace)",
    };
}
