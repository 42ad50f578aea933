using System.ComponentModel;

namespace MicroEvents.Drops.Events;

/// <summary>Everything that can happen to a drop; the analysts' schema for <c>drop/{id}</c> streams.</summary>
[Description("A limited-supply drop: its manifest, lifecycle and the serial order of its mints.")]
[GenerateSerializer, Immutable]
public abstract record DropEvent;
