using System.ComponentModel;

namespace MicroEvents.Fulfilment.Events;

/// <summary>Everything that happens to one token's fulfilment order; the analysts' schema for <c>order/{drop}/{token}</c>.</summary>
[Description("Everything that happens to one token's fulfilment order (stream order/{drop}/{token}): stock held, the claimant's details, the partner request and its progress, returns. No event carries an address or an email.")]
[GenerateSerializer, Immutable]
public abstract record OrderEvent;

/// <summary>A drop's merch mapping and the fate of its tokens (stream <c>merch/{drop}</c>).</summary>
[Description("A drop's merch mapping (which SKUs its tokens carry) and which tokens became fulfilment orders (stream merch/{drop}).")]
[GenerateSerializer, Immutable]
public abstract record MerchEvent;

/// <summary>A packing-table shortcode's binding (stream <c>shortcode/{code}</c>).</summary>
[Description("A packing-table shortcode bound to its fulfilment order (stream shortcode/{code}).")]
[GenerateSerializer, Immutable]
public abstract record ShortcodeEvent;
