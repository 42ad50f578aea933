using System.ComponentModel;

namespace MicroEvents.Venues.Events;

/// <summary>Everything that can happen to a venue edge node; the analysts' schema for <c>node/{id}</c> streams.</summary>
[Description("A venue edge node (stream node/{id}): registration, heartbeats and status, keys, quotas, preflight and the reconciliation of its offline vouchers. No event carries an email address.")]
[GenerateSerializer, Immutable]
public abstract record NodeEvent;
