using MicroEvents.Catalogue;
using MicroEvents.EventSourcing;

namespace MicroEvents.UnitTests.Catalogue;

/// <summary>The committed catalogue is what analysts read: it must list every event and match the code.</summary>
public class EventCatalogueTests
{
    [Fact]
    public void the_committed_docs_events_md_is_what_the_code_generates() =>
        File.ReadAllText(CommittedCatalogue()).ReplaceLineEndings("\n").Should().Be(EventCatalogue.Markdown(),
            $"docs/events.md is stale: regenerate it with `{EventCatalogue.Command}`");

    [Fact]
    public void every_aliased_event_is_in_the_catalogue() =>
        EventCatalogue.Entries().Select(e => e.Alias).Should().BeEquivalentTo(JournalStore.EventAliases().Select(a => a.Alias));

    [Fact]
    public void every_event_and_every_field_says_what_it_means() =>
        EventCatalogue.Entries().Should().AllSatisfy(e =>
        {
            e.Meaning.Should().NotBeEmpty($"{e.Alias} needs a [Description]");
            e.Fields.Should().AllSatisfy(f => f.Meaning.Should().NotBeEmpty($"{e.Alias}.{f.Name} needs a [Description]"));
        });

    [Fact]
    public void fields_carry_their_json_names_and_types() =>
        EventCatalogue.Entries().Single(e => e.Alias == "drop.token_minted.v1").Fields.Should().ContainEquivalentOf(
            new { Name = "tier", Type = "string or null" }).And.ContainEquivalentOf(new { Name = "tokenNumber", Type = "integer" });

    [Fact]
    public void nested_lists_are_described_field_by_field() =>
        EventCatalogue.Entries().Single(e => e.Alias == "drop.created.v1").Fields.Select(f => f.Name)
            .Should().Contain(["tiers", "tiers[].name", "tiers[].allocation", "assets[].sha256"]);

    private static string CommittedCatalogue()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MicroEvents.Orleans.sln")))
                return Path.Combine(dir.FullName, "docs", "events.md");
        throw new InvalidOperationException("The solution folder was not found above " + AppContext.BaseDirectory);
    }
}
