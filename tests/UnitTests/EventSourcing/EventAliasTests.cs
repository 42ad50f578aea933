using System.Text.RegularExpressions;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;

namespace MicroEvents.UnitTests.EventSourcing;

/// <summary>Stored events refer to aliases, so every event needs one and none may ever clash.</summary>
public class EventAliasTests
{
    private static readonly IReadOnlyList<(Type Type, string Alias)> Aliases = JournalStore.EventAliases().ToList();

    private static readonly IReadOnlyList<Type> ConcreteDropEvents = typeof(DropEvent).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(DropEvent)) && !t.IsAbstract)
        .ToList();

    [Fact]
    public void the_contract_has_drop_events() =>
        ConcreteDropEvents.Should().Contain([typeof(DropCreated), typeof(DropOpened), typeof(DropPaused), typeof(DropResumed), typeof(DropClosed), typeof(TokenMinted)]);

    [Fact]
    public void every_concrete_drop_event_has_an_alias() =>
        Aliases.Select(a => a.Type).Should().Contain(ConcreteDropEvents);

    [Fact]
    public void no_two_event_types_share_an_alias() =>
        Aliases.Select(a => a.Alias).Should().OnlyHaveUniqueItems();

    [Fact]
    public void no_event_type_has_two_aliases() =>
        Aliases.Select(a => a.Type).Should().OnlyHaveUniqueItems();

    [Fact]
    public void every_alias_is_lower_case_actor_dot_event_dot_version() =>
        Aliases.Should().AllSatisfy(a => a.Alias.Should().MatchRegex(@"^[a-z]+\.[a-z_]+\.v[0-9]+$", $"{a.Type.Name} must have a stable alias"));

    [Fact]
    public void every_drop_event_alias_starts_with_drop() =>
        Aliases.Where(a => a.Type.IsSubclassOf(typeof(DropEvent))).Should().AllSatisfy(a => a.Alias.Should().StartWith("drop."));

    [Fact]
    public void every_aliased_type_is_a_concrete_event() =>
        Aliases.Should().AllSatisfy(a => a.Type.IsAbstract.Should().BeFalse($"{a.Type.Name} cannot be stored"));

    [Theory]
    [InlineData(typeof(DropCreated), "drop.created.v1")]
    [InlineData(typeof(DropOpened), "drop.opened.v1")]
    [InlineData(typeof(DropPaused), "drop.paused.v1")]
    [InlineData(typeof(DropResumed), "drop.resumed.v1")]
    [InlineData(typeof(DropClosed), "drop.closed.v1")]
    [InlineData(typeof(TokenMinted), "drop.token_minted.v1")]
    public void the_drop_events_keep_the_aliases_already_in_stored_streams(Type type, string alias) =>
        Aliases.Should().Contain((type, alias));
}
