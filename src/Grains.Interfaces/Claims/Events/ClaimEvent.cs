using System.ComponentModel;
namespace MicroEvents.Claims.Events;

/// <summary>Everything that can happen to a claim after its mint; the analysts' schema for <c>claim/{drop}/{claimId}</c>. No event carries an email address or a code.</summary>
[Description("Everything that can happen to a claim after its mint (stream claim/{drop}/{claimId}): custody, escrow and hand-off. No event carries an email address or a code.")]
[GenerateSerializer, Immutable]
public abstract record ClaimEvent;
