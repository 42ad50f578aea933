using System.Reflection;

namespace MicroEvents.Modules;

/// <summary>
/// A feature's contribution to one host (its silo half, its gateway half, its command-line half). A feature
/// adds a <c>…Module</c> class in its own folder; the hosts find it here, so no central list is edited.
/// </summary>
public interface IFeatureModule
{
    /// <summary>The feature's name in logs and test output (the module's type name without "Module").</summary>
    string Name => GetType().Name.EndsWith("Module", StringComparison.Ordinal) ? GetType().Name[..^"Module".Length] : GetType().Name;
}

/// <summary>The one way modules are discovered: every concrete <typeparamref name="TModule"/> of an assembly, ordered by name.</summary>
public static class FeatureModules
{
    public static IReadOnlyList<TModule> In<TModule>(Assembly assembly) where TModule : class, IFeatureModule =>
        assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(TModule).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (TModule)(Activator.CreateInstance(t)
                ?? throw new InvalidOperationException($"{t.FullName} needs a public parameterless constructor")))
            .ToList();
}
