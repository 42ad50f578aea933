using System.Reflection;
using MicroEvents.EventSourcing;

namespace MicroEvents.Modules;

/// <summary>Every feature's silo half (see <see cref="ISiloModule"/>); the journal store and the silo host loop over these.</summary>
public static class SiloModules
{
    /// <summary>Stateless module objects, found once; read-only.</summary>
    public static IReadOnlyList<ISiloModule> All { get; } = FeatureModules.In<ISiloModule>(typeof(SiloModules).Assembly);

    /// <summary>Every event type the modules declare, with its stable alias, ordered by alias.</summary>
    public static IEnumerable<(Type Type, string Alias)> EventAliases() =>
        All.SelectMany(m => m.EventRoots)
            .SelectMany(root => root.Assembly.GetTypes().Where(root.IsAssignableFrom))
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<EventAliasAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Type, x.Attribute!.Alias))
            .Distinct()
            .OrderBy(x => x.Alias, StringComparer.Ordinal);

    /// <summary>Every feature's silo services, in module order.</summary>
    public static ISiloBuilder AddFeatures(this ISiloBuilder silo, SiloModuleContext context)
    {
        foreach (var module in All) module.AddSilo(silo, context);
        return silo;
    }
}
