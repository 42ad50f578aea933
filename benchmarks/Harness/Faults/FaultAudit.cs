using MicroEvents.Benchmarks.Measurement;
using MicroEvents.Benchmarks.Reporting;
using MicroEvents.Rejections;

namespace MicroEvents.Benchmarks.Faults;

/// <summary>What the fault run observed, before it is judged.</summary>
public sealed record FaultObservations(
    FaultPlan Plan,
    FaultTimeline Timeline,
    IReadOnlyList<string> DropIds,
    IReadOnlyCollection<Answer> Answers,
    IReadOnlyCollection<ClaimOutcome> Outcomes,
    IReadOnlyDictionary<string, List<StoredEvent>> Streams,
    long PoisonStreams,
    IReadOnlyList<PoisonResult> Poison,
    IReadOnlyDictionary<string, long?> SummaryMinted,
    ReceiptReadback Receipts,
    IReadOnlyList<string> SiloLogs);

/// <summary>
/// Judges a fault run against the event streams alone: every acknowledged claim stored exactly once with the
/// token it was told, tokens gapless, no oversell, no claim id twice, rejected and poison requests stored
/// nothing, and no answer other than 2xx, a domain rejection, 503 (with Retry-After) or, while the silo was
/// dead, a refused connection.
/// </summary>
public static class FaultAudit
{
    public static FaultResult Judge(FaultObservations o)
    {
        var plan = o.Plan;
        var t = o.Timeline;
        var checks = new List<Check>();
        var outcomes = o.Outcomes.ToDictionary(c => c.ClaimId);
        var acknowledged = o.Outcomes.Where(c => c.Fate == ClaimFate.Acknowledged).ToList();

        // Where each claim id is stored (drop index, token), across every drop of the run.
        var stored = new Dictionary<string, List<(int Drop, long Token)>>();
        var dropTallies = new List<FaultDrop>();
        for (var d = 0; d < o.DropIds.Count; d++)
        {
            var id = o.DropIds[d];
            var events = o.Streams.TryGetValue(id, out var s) ? s : [];
            var mints = events.Where(e => e.Type == StoredClaims.MintAlias).ToList();
            foreach (var m in mints)
                (stored.TryGetValue(m.ClaimId ?? "", out var at) ? at : stored[m.ClaimId ?? ""] = []).Add((d, m.TokenNumber ?? 0));

            var supply = plan.SupplyOf(d);
            var scope = $"{id}: ";
            checks.AddRange(TokenAudit.Verify(mints.Select(m => m.TokenNumber ?? 0), supply, scope));
            var contiguous = events.Select((e, i) => e.Version == i + 1).All(x => x);
            checks.Add(new Check($"{scope}stream versions are 1..{events.Count}, opening with created and opened", contiguous && events.Count >= 2 &&
                events[0].Type == "drop.created.v1" && events[1].Type == "drop.opened.v1" && events.Skip(2).All(e => e.Type == StoredClaims.MintAlias),
                $"{events.Count:N0} events, {mints.Count:N0} mints"));
            var summary = o.SummaryMinted.TryGetValue(id, out var m2) ? m2 : null;
            checks.Add(new Check($"{scope}the drop's summary agrees with its stream", summary == mints.Count, $"summary minted {summary?.ToString("N0") ?? "unreadable"}, stream {mints.Count:N0}"));
            dropTallies.Add(new FaultDrop(id, supply, mints.Count, acknowledged.LongCount(c => c.Drop == d), summary));
        }

        long lost = 0, wrongToken = 0;
        var lostSamples = new List<string>();
        foreach (var claim in acknowledged)
        {
            if (!stored.TryGetValue(claim.ClaimId, out var at) || at.All(x => x.Drop != claim.Drop))
            {
                lost++;
                if (lostSamples.Count < 3) lostSamples.Add($"{claim.ClaimId} (#{claim.TokenNumber})");
            }
            else if (at.First(x => x.Drop == claim.Drop).Token != claim.TokenNumber)
            {
                wrongToken++;
                if (lostSamples.Count < 3) lostSamples.Add($"{claim.ClaimId} told #{claim.TokenNumber}, stored #{at.First(x => x.Drop == claim.Drop).Token}");
            }
        }
        var duplicated = stored.Values.Sum(at => (long)at.Count - 1);
        checks.Add(new Check("every acknowledged claim is stored (lost = 0)", lost == 0, $"{acknowledged.Count:N0} acknowledged, {lost:N0} lost{Samples(lostSamples)}"));
        checks.Add(new Check("every acknowledged claim is stored with the token it was told", wrongToken == 0, $"{wrongToken:N0} with another token"));
        checks.Add(new Check("no claim id stored twice (duplicated = 0)", duplicated == 0,
            $"{duplicated:N0} extra copies{Samples(stored.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key).Take(3).ToList())}"));

        checks.Add(new Check("receipts read back (GET …/claims/{claimId}) agree with the 2xx: every retried claim and a spread of the rest",
            o.Receipts.Read > 0 && o.Receipts.Disagreements.Count == 0,
            $"{o.Receipts.Read:N0} read, {o.Receipts.Disagreements.Count:N0} disagree{Samples(o.Receipts.Disagreements.Take(3).ToList())}"));

        var unknown = stored.Keys.Where(k => !outcomes.ContainsKey(k)).ToList();
        var storedRejected = stored.Keys.Where(k => outcomes.TryGetValue(k, out var c) && c.Fate == ClaimFate.Rejected).ToList();
        checks.Add(new Check("rejected claims stored nothing", storedRejected.Count == 0, $"{storedRejected.Count:N0} stored{Samples(storedRejected.Take(3).ToList())}"));
        checks.Add(new Check("every stored claim is one a phone sent", unknown.Count == 0, $"{unknown.Count:N0} unknown{Samples(unknown.Take(3).ToList())}"));

        var abandoned = o.Outcomes.LongCount(c => c.Fate == ClaimFate.Abandoned);
        checks.Add(new Check($"every claim got a final answer within {plan.MaxAttempts} requests and {plan.ClaimDeadline.TotalSeconds:0} s", abandoned == 0, $"{abandoned:N0} abandoned"));

        var rejections = o.Outcomes.Where(c => c.Fate == ClaimFate.Rejected).GroupBy(c => c.Code ?? "?").ToDictionary(g => g.Key, g => g.LongCount());
        var wrongRejections = o.Outcomes.Where(c => c.Fate == ClaimFate.Rejected && !(c.Code == RejectionCodes.SoldOut && c.Drop == o.DropIds.Count - 1)).ToList();
        checks.Add(new Check("the only rejection is sold-out, on the drop that sold out", wrongRejections.Count == 0,
            wrongRejections.Count == 0 ? string.Join(", ", rejections.Select(kv => $"{kv.Key} {kv.Value:N0}")) is { Length: > 0 } r ? r : "none"
                : $"{wrongRejections.Count:N0} others, e.g. {string.Join(", ", wrongRejections.Take(3).Select(c => $"{c.ClaimId} on {o.DropIds[c.Drop]}: {c.Code}"))}"));

        // Answers: 2xx, 409 sold-out, 503 with Retry-After, and refused connections only while the silo was dead.
        var answers = o.Answers;
        var serverErrors = answers.Where(a => a.Kind == AnswerKind.ServerError).ToList();
        var timeouts = answers.LongCount(a => a.Kind == AnswerKind.Timeout);
        var unavailable = answers.Where(a => a.Kind == AnswerKind.Unavailable).ToList();
        var connectionErrors = answers.Where(a => a.Kind == AnswerKind.ConnectionError).ToList();
        var deadFrom = t.KilledAt ?? double.MaxValue;
        var deadUntil = (t.ReadyAt ?? double.MaxValue) + plan.ConnectionErrorGrace.TotalSeconds;
        var strayConnectionErrors = connectionErrors.Where(a => a.ReceivedAt < deadFrom || a.ReceivedAt > deadUntil).ToList();
        checks.Add(new Check("no 500 or other 5xx besides 503", serverErrors.Count == 0,
            $"{serverErrors.Count:N0}{Samples(serverErrors.Take(3).Select(a => $"{a.Status} {a.Code} at {a.ReceivedAt:0.0} s").ToList())}"));
        checks.Add(new Check($"no request hung (no answer within {plan.RequestTimeout.TotalSeconds:0} s)", timeouts == 0, $"{timeouts:N0} timed out"));
        checks.Add(new Check("every 503 is problem type unavailable with a Retry-After", unavailable.All(a => a.HasRetryAfter && a.Code == RejectionCodes.Unavailable),
            $"{unavailable.Count:N0} 503s, {unavailable.Count(a => !a.HasRetryAfter):N0} without Retry-After, {unavailable.Count(a => a.Code != RejectionCodes.Unavailable):N0} of another type"));
        checks.Add(new Check("connection errors only while the silo was dead (kill → ready + grace)", strayConnectionErrors.Count == 0,
            $"{connectionErrors.Count:N0} connection errors, {strayConnectionErrors.Count:N0} outside {Fmt(t.KilledAt)}–{Fmt(deadUntil)} s" +
            Samples(strayConnectionErrors.Take(3).Select(a => $"{a.Code} at {a.ReceivedAt:0.0} s").ToList())));

        // PostgreSQL down: answers fail fast (503) and nothing is acknowledged that could not be durable.
        double? slowestWhileDown = null, first503 = null;
        if (t is { PostgresDownAt: { } down, PostgresStartingAt: { } starting, PostgresStoppingAt: { } stopping })
        {
            var ackWhileDown = answers.Where(a => a.Kind == AnswerKind.Acknowledged && a.ReceivedAt > down + 1 && a.ReceivedAt < starting).ToList();
            checks.Add(new Check("no 2xx while PostgreSQL was down", ackWhileDown.Count == 0, $"{ackWhileDown.Count:N0} between {down + 1:0.0} and {starting:0.0} s"));
            // Every request that met the outage and had the full bound to be answered before PostgreSQL came back.
            var metOutage = answers.Where(a => a.ReceivedAt >= stopping && a.SentAt <= starting - plan.OutageAnswerBound.TotalSeconds).ToList();
            slowestWhileDown = metOutage.Count == 0 ? null : Math.Round(metOutage.Max(a => a.Seconds), 3);
            checks.Add(new Check($"requests meeting the PostgreSQL outage answered within {plan.OutageAnswerBound.TotalSeconds:0} s", metOutage.Count > 0 && slowestWhileDown <= plan.OutageAnswerBound.TotalSeconds,
                $"{metOutage.Count:N0} requests, slowest {slowestWhileDown?.ToString("0.00") ?? "-"} s"));
            first503 = unavailable.Where(a => a.ReceivedAt >= stopping).Select(a => (double?)Math.Round(a.ReceivedAt - stopping, 3)).Min();
        }
        else checks.Add(new Check("PostgreSQL was stopped and started again", false, "the outage did not happen"));

        var recoverKill = Since(t.FirstAcknowledgedAfterKillAt, t.KilledAt);
        var recoverPostgres = Since(t.FirstAcknowledgedAfterPostgresAt, t.PostgresBackAt);
        checks.Add(new Check("claims acknowledged again after the silo was killed and restarted", recoverKill is not null, $"{recoverKill?.ToString("0.00") ?? "never"} s after SIGKILL"));
        checks.Add(new Check("claims acknowledged again after PostgreSQL came back", recoverPostgres is not null, $"{recoverPostgres?.ToString("0.00") ?? "never"} s after it accepted connections"));

        // Poison: refused up front, nothing stored, the poisoned drop keeps serving.
        foreach (var p in o.Poison)
            checks.Add(new Check($"poison: {p.Name} → 400 {string.Join(" or ", p.Expected)}", p.Refused, $"{(p.Status == 0 ? "no answer" : p.Status.ToString())} {p.Code} in {p.Milliseconds:0} ms"));
        var poisonStored = stored.Keys.Count(k => k.StartsWith(Poison.Prefix, StringComparison.Ordinal));
        checks.Add(new Check("poison stored nothing (no poison claim, no poison drop stream)", poisonStored == 0 && o.PoisonStreams == 0,
            $"{poisonStored} poison claims, {o.PoisonStreams} poison streams"));
        var liveAfterPoison = t.PoisonAnsweredAt is { } poisoned && answers.Any(a => a.Kind == AnswerKind.Acknowledged && a.Drop == 0 && a.SentAt >= poisoned);
        checks.Add(new Check($"the poisoned drop {o.DropIds[0]} acknowledges claims after the poison", liveAfterPoison, liveAfterPoison ? "yes" : "no 2xx after the poison"));

        checks.Add(new Check($"the restarted silo stops on Ctrl-C within {plan.ShutdownBound.TotalSeconds:0} s", t.ShutdownSeconds is not null,
            t.ShutdownSeconds is { } sd ? $"{sd:0.0} s" : "did not stop"));

        var retried = o.Outcomes.LongCount(c => c.Fate == ClaimFate.Acknowledged && c.Attempts > 1);
        var loadSeconds = (t.NewClaimsStoppedAt ?? t.LoadStartedAt) - t.LoadStartedAt;
        return new FaultResult
        {
            Plan = plan,
            Timeline = t,
            ClaimsSent = o.Outcomes.Count,
            Requests = answers.Count,
            Acknowledged = acknowledged.Count,
            Rejected = o.Outcomes.LongCount(c => c.Fate == ClaimFate.Rejected),
            RejectionsByCode = rejections,
            Abandoned = abandoned,
            Lost = lost,
            Duplicated = duplicated,
            WrongToken = wrongToken,
            AcknowledgedAfterRetry = retried,
            Replayed = answers.LongCount(a => a.Kind == AnswerKind.Acknowledged && a.Status == 200),
            Unavailable = unavailable.Count,
            ConnectionErrors = connectionErrors.Count,
            Timeouts = timeouts,
            ServerErrors = serverErrors.Count,
            AnswersByStatus = answers.GroupBy(a => a.Status == 0 ? a.Kind.ToString() : a.Status.ToString()).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key, g => g.LongCount()),
            SecondsToRecoverAfterKill = recoverKill,
            SecondsSiloReadyAfterKill = Since(t.ReadyAt, t.KilledAt),
            SecondsToRecoverAfterPostgres = recoverPostgres,
            SecondsToFirst503AfterPostgresStop = first503,
            SlowestAnswerWhilePostgresDownSeconds = slowestWhileDown,
            AcknowledgedPerSecond = loadSeconds > 0 ? Math.Round(acknowledged.Count / loadSeconds, 1) : 0,
            Drops = dropTallies,
            Poison = o.Poison,
            SiloLogs = o.SiloLogs,
            Checks = checks,
        };
    }

    private static double? Since(double? at, double? from) => at is { } a && from is { } f ? Math.Round(a - f, 3) : null;

    private static string Fmt(double? seconds) => seconds is { } s && s < double.MaxValue / 2 ? s.ToString("0.0") : "-";

    private static string Samples(IReadOnlyList<string> samples) => samples.Count == 0 ? "" : $", e.g. {string.Join(", ", samples)}";
}
