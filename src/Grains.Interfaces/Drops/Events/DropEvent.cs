namespace MicroEvents.Drops.Events;

/// <summary>Everything that can happen to a drop; the analysts' schema for <c>drop/{id}</c> streams.</summary>
[GenerateSerializer, Immutable]
public abstract record DropEvent;
