namespace MicroEvents.Benchmarks;

public static class ScenarioNames
{
    public const string HotDrop = "hot-drop";
    public const string HotDropReceipts = "hot-drop-receipts";
    public const string HotDropHttp = "hot-drop-http";

    /// <summary>hot-drop-receipts while settlement anchors the roots on a local anvil (compare with hot-drop-receipts at the same level).</summary>
    public const string HotDropSettlement = "hot-drop-settlement";

    /// <summary>hot-drop while Marten's async daemon runs the projections beside it (compare with hot-drop at the same level).</summary>
    public const string HotDropProjections = "hot-drop-projections";
    public const string HotDropLive = "hot-drop-live";

    /// <summary>What a user runs: the one-command silo with every reader on, sustained HTTP claims on one hot drop, a measured steady-state window.</summary>
    public const string Default = "default";

    /// <summary>default with the readers off (no projections, sealing or settlement): the same sustained run, what default is judged against.</summary>
    public const string DefaultReadersOff = "default-readers-off";

    /// <summary>default and default-readers-off in alternating windows of one load, both silos in one process: the readers' targets, the machine's drift cancelled.</summary>
    public const string DefaultVersusReadersOff = "default-vs-readers-off";

    /// <summary>hot-drop-http through the gateway as its own process (as <c>cluster</c> mode runs it), an Orleans client of the harness's silo.</summary>
    public const string HotDropHttpGateway = "hot-drop-http-gateway";

    /// <summary>hot-drop on a merch drop with fulfilment running (its own silo with the mint feed; compare with hot-drop at the same level).</summary>
    public const string HotDropMerch = "hot-drop-merch";
    public const string ManyDrops = "many-drops";

    /// <summary>hot-drop and many-drops held for a warm-up and a measured window, as default is: the many-drops target compares these two when both ran.</summary>
    public const string HotDropSustained = "hot-drop-sustained";
    public const string ManyDropsSustained = "many-drops-sustained";

    /// <summary>hot-drop and many-drops in alternating windows of one load on one silo: the many-drops target's ratio, the machine's drift cancelled.</summary>
    public const string ManyVersusHot = "many-vs-hot";
    public const string ColdStart = "cold-start";
    public const string BaselineSql = "baseline-sql";
    public const string JournalCeiling = "journal-ceiling";
    public const string CallCeiling = "call-ceiling";
    public const string All = "all";

    /// <summary>Not part of <see cref="All"/>: it owns its PostgreSQL and a silo process, kills both, and runs alone.</summary>
    public const string Fault = "fault";

    /// <summary>In the order a run executes them; the last two are diagnostics (what storage alone and grain calls alone allow).</summary>
    public static readonly string[] Every = [HotDrop, HotDropReceipts, HotDropSettlement, HotDropProjections, HotDropMerch, ManyDrops, HotDropSustained, ManyDropsSustained, ManyVersusHot, BaselineSql, HotDropHttp, HotDropHttpGateway, HotDropLive, DefaultReadersOff, Default, DefaultVersusReadersOff, ColdStart, JournalCeiling, CallCeiling];
}
