using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Venues;
using MicroEvents.Text;
using MicroEvents.Venues.Events;
using MicroEvents.Wallets;

namespace MicroEvents.Venues;

/// <summary>A venue node's rules as pure decisions: registration, heartbeats and status, keys, quota mirror, preflight.</summary>
public static class NodeDecisions
{
    public const int MaxAppVersionLength = 64;

    public static Decision<bool, NodeEvent> Register(NodeState state, RegisterNode command, DateTimeOffset now)
    {
        var checks = new ClientText.Checks();
        if (!NodeId.IsValid(command.NodeId)) checks.Fail("nodeId", NodeId.Rule);
        if (!NodeId.IsValid(command.Venue)) checks.Fail("venue", NodeId.Rule);
        if (checks.Text("label", command.Label, ClientText.MaxNameLength) && string.IsNullOrWhiteSpace(command.Label))
            checks.Fail("label", $"is required, at most {ClientText.MaxNameLength} characters");
        var key = "";
        if (checks.Text("keyAddress", command.KeyAddress, ClientText.MaxIdLength) && !WalletAddress.TryNormalize(command.KeyAddress, out key))
            checks.Fail("keyAddress", "must be an address: 0x + 40 hex digits, EIP-55 checksummed if mixed case");
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The node registration is invalid.", checks.Errors);

        var label = command.Label.Trim();
        if (state.Registration is { } r)
            return r.Venue == command.Venue && r.Label == label && NodeState.SameAddress(r.KeyAddress, key)
                ? Decision<bool, NodeEvent>.Unchanged(false)
                : throw new Rejected(VenueRejectionCodes.NodeExists, $"Node '{r.NodeId}' is already registered differently.");
        return new(true, [new NodeRegistered(command.NodeId, command.Venue, label, key, now)]);
    }

    public static Decision<NodeStatus, NodeEvent> Heartbeat(NodeState state, NodeHeartbeat beat, DateTimeOffset now, NodeThresholds limits)
    {
        Existing(state);
        var checks = new ClientText.Checks();
        if (beat.RttMs < 0) checks.Fail("rttMs", "must be at least 0");
        if (beat.QueueDepth < 0) checks.Fail("queueDepth", "must be at least 0");
        if (checks.Text("appVersion", beat.AppVersion, MaxAppVersionLength) && string.IsNullOrWhiteSpace(beat.AppVersion))
            checks.Fail("appVersion", $"is required, at most {MaxAppVersionLength} characters");
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The heartbeat is invalid.", checks.Errors);

        HeartbeatReceived received = new(beat.RttMs, beat.ClockOffsetMs, beat.QueueDepth, beat.AppVersion, now);
        var after = state.Apply(received);
        var change = StatusChange(after, now, limits);
        return new(change?.To ?? after.Status, change is null ? [received] : [received, change]);
    }

    /// <summary>The status by the clock; an event only when it changed.</summary>
    public static Decision<NodeStatus, NodeEvent> Evaluate(NodeState state, DateTimeOffset now, NodeThresholds limits)
    {
        if (state.Registration is null) return Decision<NodeStatus, NodeEvent>.Unchanged(NodeStatus.Offline);
        return StatusChange(state, now, limits) is { } change ? new(change.To, [change]) : Decision<NodeStatus, NodeEvent>.Unchanged(state.Status);
    }

    public static (NodeStatus Status, string Reason) StatusOf(NodeState state, DateTimeOffset now, NodeThresholds limits)
    {
        if (state.LastHeartbeat is not { } last) return (NodeStatus.Offline, "no heartbeat yet");
        var since = now - last.At;
        if (since >= limits.OfflineAfter) return (NodeStatus.Offline, $"no heartbeat for {since.TotalSeconds:0} s");
        if (since >= limits.DegradedAfter) return (NodeStatus.Degraded, $"heartbeat late by {(since - limits.HeartbeatEvery).TotalSeconds:0} s");
        if (last.RttMs > limits.RttTargetMs) return (NodeStatus.Degraded, $"rtt {last.RttMs} ms over {limits.RttTargetMs} ms");
        if (Math.Abs((long)last.ClockOffsetMs) > limits.MaxClockOffsetMs) return (NodeStatus.Degraded, $"clock off by {last.ClockOffsetMs} ms");
        return (NodeStatus.Online, "heartbeats on time");
    }

    private static NodeStatusChanged? StatusChange(NodeState state, DateTimeOffset now, NodeThresholds limits)
    {
        var (status, reason) = StatusOf(state, now, limits);
        return status == state.Status ? null : new NodeStatusChanged(state.Status, status, reason, now);
    }

    /// <summary>The current key hands over to <see cref="KeyRotation.NewAddress"/>; a retry of the same rotation changes nothing.</summary>
    public static Decision<bool, NodeEvent> Rotate(NodeState state, KeyRotation rotation, DateTimeOffset now)
    {
        Existing(state);
        if (!WalletAddress.TryNormalize(rotation.NewAddress, out var next))
            throw new Rejected(RejectionCodes.ValidationFailed, "The new key is invalid.",
                new Dictionary<string, string[]> { ["newAddress"] = ["must be an address: 0x + 40 hex digits, EIP-55 checksummed if mixed case"] });
        var current = state.ActiveKey(now);
        if (current is not null && NodeState.SameAddress(current.Address, next) && state.Keys.Count > 1)
            return Decision<bool, NodeEvent>.Unchanged(false);
        if (current is null)
            throw new Rejected(VenueRejectionCodes.KeyRevoked, "The node has no active key to rotate from; register a new node.");
        if (state.Key(next) is not null)
            throw new Rejected(VenueRejectionCodes.InvalidKeyChain, "A node never returns to a key it had before.");
        var signer = NodeMessages.Signer(NodeMessages.Rotation(state.NodeId, current.Address, next), rotation.Signature);
        if (signer is null || !NodeState.SameAddress(signer, current.Address))
            throw new Rejected(VenueRejectionCodes.InvalidKeyChain, "The rotation must be signed by the node's current key.");
        // Only the node's current key can sign a rotation, so the node itself is who did it.
        return new(true, [new NodeKeyRotated(current.Address, next, rotation.Signature, now, Access.Actor.Node(state.NodeId))]);
    }

    public static Decision<bool, NodeEvent> Revoke(NodeState state, KeyRevocation revocation, DateTimeOffset now, string? by = null)
    {
        Existing(state);
        var checks = new ClientText.Checks();
        if (checks.Text("reason", revocation.Reason, ClientText.MaxNameLength) && string.IsNullOrWhiteSpace(revocation.Reason))
            checks.Fail("reason", $"is required, at most {ClientText.MaxNameLength} characters");
        if (!WalletAddress.TryNormalize(revocation.Address, out var address))
            checks.Fail("address", "must be an address: 0x + 40 hex digits, EIP-55 checksummed if mixed case");
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The revocation is invalid.", checks.Errors);
        var key = state.Key(address) ?? throw new Rejected(VenueRejectionCodes.KeyNotFound, $"Node '{state.NodeId}' never had key {address}.");
        if (key.RevokedFrom is not null) return Decision<bool, NodeEvent>.Unchanged(false);
        return new(true, [new NodeKeyRevoked(key.Address, revocation.Reason.Trim(), revocation.EffectiveAt ?? now, now, by)]);
    }

    /// <summary>The node's own record of an allocation the drop already made (idempotent by allocation id).</summary>
    public static Decision<bool, NodeEvent> QuotaAllocated(NodeState state, QuotaRequest request, DateTimeOffset now)
    {
        Existing(state);
        return state.AllocationIds.Contains(request.AllocationId)
            ? Decision<bool, NodeEvent>.Unchanged(false)
            : new(true, [new NodeQuotaAllocated(request.DropId, request.AllocationId, request.Tokens, now)]);
    }

    public static Decision<PreflightReport, NodeEvent> Preflight(NodeState state, PreflightRequest request, PreflightFacts facts,
        DateTimeOffset now, NodeThresholds limits)
    {
        Existing(state);
        var samples = request.RttSamplesMs ?? [];
        var median = samples.Count == 0 ? (int?)null : samples.Order().ElementAt(samples.Count / 2);
        var key = state.ActiveKey(now);
        var primed = request.PrimedManifests ?? new Dictionary<string, string>();
        var primedFallbacks = request.PrimedContingencies ?? new Dictionary<string, string>();
        var stale = facts.ManifestHashes.Where(m => !primed.TryGetValue(m.Key, out var h) || !string.Equals(h, m.Value, StringComparison.OrdinalIgnoreCase))
            .Select(m => m.Key)
            // A node that cannot show the fallback cannot switch to it when the primary assets fail at the door.
            .Concat(facts.FallbackHashes.Where(m => !primedFallbacks.TryGetValue(m.Key, out var h) || !string.Equals(h, m.Value, StringComparison.OrdinalIgnoreCase))
                .Select(m => $"{m.Key} (fallback)"))
            .ToList();
        var empty = facts.QuotaHeld.Where(q => q.Value < 1).Select(q => q.Key).ToList();
        List<PreflightItem> items =
        [
            median is null ? new("rtt", false, "no round-trip samples")
                : new("rtt", median <= limits.RttTargetMs, $"median {median} ms of {samples.Count} samples (target {limits.RttTargetMs} ms)"),
            new("clock", Math.Abs((long)request.ClockOffsetMs) <= limits.MaxClockOffsetMs, $"offset {request.ClockOffsetMs} ms (at most {limits.MaxClockOffsetMs} ms)"),
            facts.ManifestHashes.Count == 0 ? new("manifests", false, "the node serves no drop")
                : new("manifests", stale.Count == 0, stale.Count == 0 ? $"{facts.ManifestHashes.Count} primed, hashes match" : $"missing or stale: {string.Join(", ", stale)}"),
            key is null ? new("key", false, "no active key (revoked)")
                : new("key", key.RevokedFrom is null, key.RevokedFrom is null ? $"{key.Address} active" : $"{key.Address} is revoked from {key.RevokedFrom:O}"),
            facts.QuotaHeld.Count == 0 ? new("quota", false, "no voucher quota held")
                : new("quota", empty.Count == 0, empty.Count == 0 ? string.Join(", ", facts.QuotaHeld.Select(q => $"{q.Key}: {q.Value}")) : $"nothing held of: {string.Join(", ", empty)}"),
            new("test-claim", facts.TestClaimPassed, facts.TestClaimDetail),
        ];
        PreflightRecorded recorded = new(items.All(i => i.Passed), items, now);
        return new(new PreflightReport(recorded.Passed, items, now), [recorded]);
    }

    public static NodeState Existing(NodeState state) =>
        state.Registration is null ? throw new Rejected(VenueRejectionCodes.NodeNotFound, "No such node.") : state;
}

/// <summary>What the node actor looked up for a preflight: current manifest hashes and quota held per served drop, and the test claim.</summary>
public sealed record PreflightFacts(
    IReadOnlyDictionary<string, string> ManifestHashes,
    IReadOnlyDictionary<string, long> QuotaHeld,
    bool TestClaimPassed,
    string TestClaimDetail)
{
    /// <summary>The fallback manifest hash of each served drop that has one.</summary>
    public IReadOnlyDictionary<string, string> FallbackHashes { get; init; } = new Dictionary<string, string>();
}
