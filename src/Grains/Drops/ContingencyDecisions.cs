using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Text;

namespace MicroEvents.Drops;

/// <summary>
/// A drop's fallback manifest as pure decisions: set it before the drop opens, switch new mints to it (an operator or
/// a node serving the drop) and back (an operator). Every switch is a recorded decision with who and why; the same
/// decision id again answers the same and records nothing, so a retry after a lost reply is safe.
/// </summary>
public static class ContingencyDecisions
{
    public const int MaxReasonLength = 500;

    /// <summary>Sets or replaces the fallback while the drop is a draft. The same fallback again changes nothing, whenever.</summary>
    public static Decision<ContingencyView, DropEvent> Set(DropState state, ContingencyManifest? fallback, DateTimeOffset now, string? by)
    {
        var drop = DropDecisions.Existing(state).Manifest!;
        var set = ManifestRules.Contingency(drop, fallback, now, by);
        if (state.Contingency?.Fallback.ManifestHash == set.ManifestHash) return Decision<ContingencyView, DropEvent>.Unchanged(View(state));
        // Nodes primed the fallback and tokens may carry its hash: once the drop has opened it never changes.
        if (state.Phase != DropPhase.Draft)
            throw new Rejected(ContingencyRejectionCodes.ContingencyLocked, "The fallback manifest can only be set before the drop opens.");
        return new(View(state.Apply(set)), [set]);
    }

    /// <summary>Switches new mints to the fallback. <paramref name="nodeId"/> is set when a node decided (its signed request).</summary>
    public static Decision<ContingencyView, DropEvent> Activate(DropState state, ContingencySwitchRequest? request, string by, string? nodeId, DateTimeOffset now)
    {
        var (decisionId, reason) = Checked(DropDecisions.Existing(state), request);
        var contingency = state.Contingency
            ?? throw new Rejected(ContingencyRejectionCodes.NoContingency, $"Drop '{state.Manifest!.DropId}' has no fallback manifest to switch to.");
        if (Replayed(contingency, decisionId, toFallback: true, by, reason)) return Decision<ContingencyView, DropEvent>.Unchanged(View(state));
        if (contingency.Active)
            throw new Rejected(ContingencyRejectionCodes.ContingencyActive,
                $"The fallback manifest is already in force since {contingency.Switches[^1].At:O} ({contingency.Switches[^1].By}).");
        if (state.Phase == DropPhase.Closed) throw new Rejected(RejectionCodes.DropClosed, $"Drop '{state.Manifest!.DropId}' is closed.");
        ContingencyActivated activated = new(decisionId, contingency.Fallback.ManifestHash, reason, by, nodeId, now);
        return new(View(state.Apply(activated)), [activated]);
    }

    /// <summary>Switches new mints back to the primary manifest; tokens minted under the fallback keep it.</summary>
    public static Decision<ContingencyView, DropEvent> Deactivate(DropState state, ContingencySwitchRequest? request, string by, DateTimeOffset now)
    {
        var (decisionId, reason) = Checked(DropDecisions.Existing(state), request);
        var contingency = state.Contingency
            ?? throw new Rejected(ContingencyRejectionCodes.NoContingency, $"Drop '{state.Manifest!.DropId}' has no fallback manifest.");
        if (Replayed(contingency, decisionId, toFallback: false, by, reason)) return Decision<ContingencyView, DropEvent>.Unchanged(View(state));
        if (!contingency.Active)
            throw new Rejected(ContingencyRejectionCodes.ContingencyNotActive, "New mints are already under the primary manifest.");
        if (state.Phase == DropPhase.Closed) throw new Rejected(RejectionCodes.DropClosed, $"Drop '{state.Manifest!.DropId}' is closed.");
        ContingencyDeactivated deactivated = new(decisionId, state.Manifest!.ManifestHash, reason, by, now);
        return new(View(state.Apply(deactivated)), [deactivated]);
    }

    public static ContingencyView View(DropState state)
    {
        var drop = DropDecisions.Existing(state).Manifest!;
        var c = state.Contingency;
        return new ContingencyView(drop.DropId, drop.ManifestHash, c?.Fallback.ManifestHash, c?.Fallback.Assets ?? [], c?.Active ?? false,
            state.FallbackInForce ?? drop.ManifestHash,
            c is null ? [] : [.. c.Switches.Select(s => new ContingencySwitchView(s.DecisionId, s.ToFallback ? "fallback" : "primary",
                s.ToFallback ? c.Fallback.ManifestHash : drop.ManifestHash, s.By, s.Reason, s.NodeId, s.At, s.FromMint))]);
    }

    // A decision id names one switch for good: the same switch by the same caller for the same reason is a retry; the
    // other way, another caller (another node, another operator key) or another reason is a misuse, never answered as
    // if that caller's decision had been recorded.
    private static bool Replayed(DropContingency contingency, string decisionId, bool toFallback, string by, string reason) =>
        contingency.Find(decisionId) is { } earlier
        && (earlier.ToFallback != toFallback
            ? throw DecisionIdUsed("The decision id was already used for the opposite switch.")
            : earlier.By == by && earlier.Reason == reason
                ? true
                : throw DecisionIdUsed("The decision id was already used for a decision by another caller or for another reason."));

    private static Rejected DecisionIdUsed(string detail) =>
        new(RejectionCodes.ValidationFailed, detail, new Dictionary<string, string[]> { ["decisionId"] = ["must be new for each decision"] });

    private static (string DecisionId, string Reason) Checked(DropState state, ContingencySwitchRequest? request)
    {
        var checks = new ClientText.Checks();
        if (checks.Text("decisionId", request?.DecisionId, ClientText.MaxIdLength) && string.IsNullOrWhiteSpace(request?.DecisionId))
            checks.Fail("decisionId", $"is required, at most {ClientText.MaxIdLength} characters");
        var reason = request?.Reason?.Trim();
        if (checks.Text("reason", reason, MaxReasonLength) && string.IsNullOrEmpty(reason))
            checks.Fail("reason", $"is required, at most {MaxReasonLength} characters");
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The contingency decision is invalid.", checks.Errors);
        return (request!.DecisionId!, reason!);
    }
}
