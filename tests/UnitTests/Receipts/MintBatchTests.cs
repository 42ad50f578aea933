using JasperFx.Events;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Receipts;

namespace MicroEvents.UnitTests.Receipts;

public class MintBatchTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static IEvent Stored(long version, Guid batch, int index, object data) =>
        new Event<object>(data) { Id = AppendBatch.EventId(batch, index), Version = version };

    private static TokenMinted Mint(long token) => new($"c-{token}", token, "0x1111111111111111111111111111111111111111", null, At);

    [Fact]
    public void the_mints_of_one_append_form_one_batch_and_appends_without_mints_none()
    {
        Guid first = AppendBatch.New(), second = AppendBatch.New(), third = AppendBatch.New();
        var events = new[]
        {
            Stored(1, first, 0, new DropOpened(At)),
            Stored(2, second, 0, Mint(1)), Stored(3, second, 1, Mint(2)), Stored(4, second, 2, Mint(3)),
            Stored(5, third, 0, Mint(4)),
        };

        var batches = MintBatch.Of(events);

        batches.Select(b => (b.FromVersion, b.ToVersion, b.Mints.Count)).Should().Equal((1, 1, 0), (2, 4, 3), (5, 5, 1));
        batches[1].Leaves("summer-jam", "0x" + new string('a', 64)).Select(l => l.TokenNumber).Should().Equal(1, 2, 3);
    }
}
