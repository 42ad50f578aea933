using System.Buffers;
using System.Text.Json;
using MicroEvents.Drops;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts.Events;

namespace MicroEvents.UnitTests.Drops;

/// <summary>
/// A drop's snapshot keeps its mints in pages written once (issue #30: a whole snapshot rewrote every mint at every
/// boundary, 13 MB at 200,000 mints): the head holds only the mints past the last full page, and head plus pages give
/// back the same drop.
/// </summary>
public class SnapshotPageTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int Tail = DropSnapshotJson.MintsPerPage / 3;
    private const int Mints = 2 * DropSnapshotJson.MintsPerPage + Tail;

    [Fact]
    public void head_and_pages_give_back_the_same_drop_with_releases_re_issued_numbers_and_tiers_across_pages()
    {
        var state = LargeDrop();
        var paged = (ISnapshotPages)state;
        paged.FullPages.Should().Be(2);

        var head = JsonSerializer.SerializeToElement(state, Json);
        head.GetProperty("claimIds").GetArrayLength().Should().Be(Tail, "the head holds only the mints past the last full page");
        var back = DropSnapshotJson.Restore(head, [Page(state, 0), Page(state, 1)], Json);

        back.Summary(7).Should().BeEquivalentTo(state.Summary(7));
        back.Claims.Count.Should().Be(Mints);
        for (var ordinal = 1; ordinal <= Mints; ordinal += 97)
            back.Receipt(ordinal).Should().Be(state.Receipt(ordinal));
        back.Receipt(Mints).Should().Be(state.Receipt(Mints));
        back.Released.Should().BeEquivalentTo(state.Released);
        back.Pool.Next.Should().Be(state.Pool.Next);
        back.HeldBy(Wallet.Numbered(3)).Should().Be(state.HeldBy(Wallet.Numbered(3)));
        back.Claim("c1501", Wallet.Numbered(1501 % 900), "Floor").Result.Replayed.Should().BeTrue("a claim stored in a page is still found by its id");
        back.Claim("next", Wallet.Alice, "Floor").Result.Receipt.Should().Be(state.Claim("next", Wallet.Alice, "Floor").Result.Receipt);
    }

    [Fact]
    public void a_head_with_a_page_missing_or_a_short_page_is_refused_so_the_journal_folds_the_stream()
    {
        var state = LargeDrop();
        var head = JsonSerializer.SerializeToElement(state, Json);

        FluentActions.Invoking(() => DropSnapshotJson.Restore(head, [Page(state, 0)], Json)).Should().Throw<JsonException>();
        var shortPage = JsonSerializer.SerializeToElement(new { claimIds = new[] { "x" }, wallets = new[] { Wallet.Bob }, holders = new[] { 0 }, claimedAtTicks = new[] { 1L } });
        FluentActions.Invoking(() => DropSnapshotJson.Restore(head, [Page(state, 0), shortPage], Json)).Should().Throw<JsonException>();
        FluentActions.Invoking(() => JsonSerializer.Deserialize<DropState>(head, Json)).Should().Throw<JsonException>("a paged head alone is not the drop");
    }

    [Fact]
    public void a_small_drop_is_one_document_as_before()
    {
        var state = Given.Open(Given.Manifest with { Supply = 50, PerWalletLimit = 50 });
        for (var i = 0; i < 20; i++) state = state.Claimed($"c{i}", Wallet.Bob);

        ((ISnapshotPages)state).FullPages.Should().Be(0);
        var back = JsonSerializer.Deserialize<DropState>(JsonSerializer.Serialize(state, Json), Json)!;
        back.Receipt(20).Should().Be(state.Receipt(20));
    }

    [Fact]
    public void sealed_batches_are_paged_too_so_the_head_holds_only_the_last_few_however_long_the_drop_runs()
    {
        var state = SealedDrop(mints: 3 * DropSnapshotJson.MintsPerPage + Tail, lag: 25);
        var paged = (ISnapshotPages)state;
        var sealPages = state.Sealed.Batches.Count / DropSnapshotJson.SealsPerPage;
        sealPages.Should().BeGreaterThan(2);
        paged.FullPages.Should().Be(3 + sealPages);

        var head = JsonSerializer.SerializeToElement(state, Json);
        head.GetProperty("seals").GetArrayLength().Should().BeLessThan(DropSnapshotJson.SealsPerPage, "the head holds only the seals past the last full page");
        var back = DropSnapshotJson.Restore(head, [.. Enumerable.Range(0, paged.FullPages).Select(k => Page(state, k))], Json);

        back.Sealed.Batches.Should().Equal(state.Sealed.Batches);
        for (var ordinal = 1; ordinal <= state.Sealed.Mints; ordinal += 37)
            back.Sealed.Of(ordinal).Should().Be(state.Sealed.Of(ordinal));
        back.Receipt(state.Claims.Count).Should().Be(state.Receipt(state.Claims.Count));
    }

    [Fact]
    public void a_full_page_never_changes_while_mints_and_lagging_seals_go_on()
    {
        var early = SealedDrop(mints: 2 * DropSnapshotJson.MintsPerPage + Tail, lag: 40);
        var later = SealedDrop(mints: 5 * DropSnapshotJson.MintsPerPage, lag: 40);
        var written = ((ISnapshotPages)early).FullPages;
        ((ISnapshotPages)later).FullPages.Should().BeGreaterThan(written + 2);

        for (var k = 0; k < written; k++)
            Page(later, k).GetRawText().Should().Be(Page(early, k).GetRawText(), $"page {k} was stored once and is never written again");
    }

    [Fact]
    public void pages_out_of_the_order_they_filled_are_refused_so_the_journal_folds_the_stream()
    {
        var state = SealedDrop(mints: 2 * DropSnapshotJson.MintsPerPage + Tail, lag: 25);
        var head = JsonSerializer.SerializeToElement(state, Json);
        var pages = Enumerable.Range(0, ((ISnapshotPages)state).FullPages).Select(k => Page(state, k)).ToList();
        var firstSeals = pages.FindIndex(p => p.TryGetProperty("seals", out _));
        var firstMints = pages.FindIndex(p => p.TryGetProperty("claimIds", out _));
        (pages[firstSeals], pages[firstMints]) = (pages[firstMints], pages[firstSeals]);

        FluentActions.Invoking(() => DropSnapshotJson.Restore(head, pages, Json)).Should().Throw<JsonException>();
    }

    // A seal of 10 mints recorded every 10 mints, `lag` mints behind them (the sealer trails the drop).
    private static DropState SealedDrop(int mints, int lag)
    {
        var state = Given.Open(Given.Manifest with { Supply = mints, PerWalletLimit = mints });
        for (var i = 0; i < mints; i++)
        {
            state = state.Claimed($"c{i}", Wallet.Numbered(i % 900), at: At.Claiming.AddMilliseconds(i));
            if ((i + 1) % 10 == 0 && i + 1 >= lag + 10)
            {
                var first = state.Sealed.Mints + 1;
                state = state.Apply(new BatchSealed(first + 2, first + 11, first, first + 9, $"0x{first:x64}", $"0x{first:x130}", Wallet.Alice,
                    At.Claiming.AddMilliseconds(i), 10));
            }
        }
        return state;
    }

    // Two tiers, some releases in the first and last pages, their numbers re-issued in the tail.
    private static DropState LargeDrop()
    {
        var state = Given.Open(Given.Manifest with { Supply = Mints + 3_000, PerWalletLimit = 3, Tiers = [new("VIP", 2_000), new("Floor", Mints + 1_000)] });
        for (var i = 0; i < Mints - 3; i++)
            state = state.Claimed($"c{i}", Wallet.Numbered(i % 900), i % 20 == 0 ? "VIP" : "Floor", At.Claiming.AddMilliseconds(i));
        // Released in the first page, the second page and the tail.
        foreach (var c in new[] { "c5", $"c{DropSnapshotJson.MintsPerPage + 1}", $"c{Mints - 10}" }) state = state.After(DropDecisions.Release(state, c, At.Later));
        for (var i = 0; i < 3; i++) state = state.Claimed($"re{i}", Wallet.Numbered(50_000 + i), "Floor", At.Later);
        return state;
    }

    private static JsonElement Page(DropState state, int page)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) ((ISnapshotPages)state).WritePage(page, writer);
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }
}
