using MicroEvents.Drops;
using MicroEvents.EventSourcing;

namespace MicroEvents.UnitTests.EventSourcing;

public class StreamKindTests
{
    [Fact]
    public void a_drop_key_round_trips_and_other_kinds_are_not_drops()
    {
        DropStream.Key("summer-jam").Should().Be("drop/summer-jam");
        DropStream.TryParse("drop/summer-jam", out var id).Should().BeTrue();
        id.Should().Be("summer-jam");

        DropStream.TryParse("dropped/summer-jam", out _).Should().BeFalse();
        DropStream.TryParse("order/summer-jam/7", out _).Should().BeFalse();
        DropStream.TryParse("drop/", out _).Should().BeFalse();
        DropStream.TryParse(null, out _).Should().BeFalse();
        new StreamKind("order").TryParse("order/summer-jam/7", out var order).Should().BeTrue();
        order.Should().Be("summer-jam/7");
    }
}
