using System.Reflection;
using MicroEvents.Catalogue;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Modules;

namespace MicroEvents.UnitTests.EventSourcing;

/// <summary>
/// Events reach Marten only through a feature module's <see cref="ISiloModule.EventRoots"/>: an event
/// no module declares would be stored under its CLR name and never found by replay or the catalogue.
/// </summary>
public class ModuleEventTests
{
    [Fact]
    public void every_aliased_event_of_the_contract_is_declared_by_a_feature_module()
    {
        var declared = SiloModules.EventAliases().Select(a => a.Type).ToHashSet();
        var aliased = typeof(DropEvent).Assembly.GetTypes().Where(t => t.GetCustomAttribute<EventAliasAttribute>() is not null).ToList();

        aliased.Should().NotBeEmpty();
        aliased.Where(t => !declared.Contains(t)).Select(t => t.FullName).Should().BeEmpty(
            "every event must be registered with Marten: name its base type in its feature's module (ISiloModule.EventRoots)");
    }

    [Fact]
    public void each_stream_kind_belongs_to_exactly_one_module()
    {
        var owners = SiloModules.All
            .SelectMany(m => m.EventRoots.SelectMany(root => SiloModules.EventAliases().Where(a => root.IsAssignableFrom(a.Type)))
                .Select(a => (Kind: EventCatalogue.KindOf(a.Alias), Module: ((IFeatureModule)m).Name)))
            .Distinct()
            .GroupBy(x => x.Kind);

        owners.Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Module))}").Should().BeEmpty();
        owners.Select(g => g.Key).Should().Contain(["drop", "claim", "sku", "node", "order", "settlement"]);
    }

    [Fact]
    public void the_modules_are_found_once_each()
    {
        SiloModules.All.Select(m => ((IFeatureModule)m).Name).Should().OnlyHaveUniqueItems()
            .And.Contain(["Drops", "Claims", "Skus", "Venues", "Fulfilment", "Settlement", "Receipts", "Projections"]);
    }
}
