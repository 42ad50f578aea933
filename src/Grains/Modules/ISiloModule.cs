using Marten;
using Microsoft.Extensions.Configuration;
using MicroEvents.Projections;

namespace MicroEvents.Modules;

/// <summary>
/// A feature's silo half, found by <see cref="SiloModules"/>: what the journal stores for it (its events,
/// documents and projections) and the services its actors need. Like EventSourcing.NetCore's per-module
/// <c>Config.cs</c> (<c>ConfigureCarts(StoreOptions)</c> + <c>AddCarts()</c>), but discovered, not listed.
/// Every member has a default, so a module says only what its feature has.
/// </summary>
public interface ISiloModule : IFeatureModule
{
    /// <summary>Base event types of the feature's streams; every subtype with an <c>[EventAlias]</c> is registered.</summary>
    IEnumerable<Type> EventRoots => [];

    /// <summary>Read models the projection daemon keeps for this feature.</summary>
    IEnumerable<TableProjection> Projections(string schema) => [];

    /// <summary>Documents and any other store options of the feature (<c>opts.Schema.For&lt;T&gt;()…</c>).</summary>
    void ConfigureMarten(StoreOptions opts) { }

    /// <summary>The feature's silo services (options, feeds, hosted services).</summary>
    void AddSilo(ISiloBuilder silo, SiloModuleContext context) { }
}

/// <summary>What the host knows that a feature's silo services may need.</summary>
/// <param name="DevelopmentKey">A stand-in for secrets only the local run may use (e.g. the receipts' key-encryption key); null in production.</param>
public sealed record SiloModuleContext(IConfiguration Configuration, Func<byte[]>? DevelopmentKey = null);
