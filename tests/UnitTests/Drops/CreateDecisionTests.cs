using MicroEvents.Drops;
using MicroEvents.Drops.Events;
using MicroEvents.Rejections;

namespace MicroEvents.UnitTests.Drops;

public class CreateDecisionTests
{
    [Fact]
    public void creating_a_drop_records_the_normalised_manifest_and_leaves_it_in_draft()
    {
        var decision = DropDecisions.Create(DropState.Initial, Given.Manifest, At.Created);

        var created = decision.Events.Should().ContainSingle().Which.Should().BeOfType<DropCreated>().Subject;
        decision.Result.Should().BeTrue();
        created.DropId.Should().Be("summer-jam");
        created.CreatedAt.Should().Be(At.Created);
        DropState.Initial.After(decision).Status.Should().Be(DropStatus.Draft);
    }

    [Fact]
    public void creating_a_drop_again_with_the_same_manifest_changes_nothing()
    {
        foreach (var existing in new[] { Given.Draft(), Given.Open(), Given.Closed() })
        {
            var decision = DropDecisions.Create(existing, Given.Manifest, At.Later);
            decision.Events.Should().BeEmpty();
            decision.Result.Should().BeFalse();
        }
    }

    [Fact]
    public void creating_a_drop_that_already_exists_is_rejected_as_drop_exists_even_with_a_different_manifest() =>
        Rejection.Of(() => DropDecisions.Create(Given.Draft(), Given.Manifest with { Title = "Other", Supply = 99 }, At.Later))
            .Code.Should().Be(RejectionCodes.DropExists);

    [Fact]
    public void creating_a_drop_from_an_invalid_manifest_is_rejected_as_validation_failed() =>
        Rejection.Of(() => DropDecisions.Create(DropState.Initial, Given.Manifest with { Supply = 0 }, At.Created))
            .Code.Should().Be(RejectionCodes.ValidationFailed);
}
