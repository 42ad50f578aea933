using MicroEvents.Drops;
using MicroEvents.Gateway.Drops;
using MicroEvents.IntegrationTests.Infrastructure;

namespace MicroEvents.IntegrationTests.Http;

/// <summary>The claim route's drop references (interface type resolved once) are the ones Orleans' own GetGrain makes.</summary>
[Collection(SharedGateway.Name)]
public class DropReferencesTests(GatewayServer server)
{
    [Theory]
    [InlineData("summer-jam")]
    [InlineData("a")]
    [InlineData("drop-with-a-rather-long-slug-0123456789")]
    [InlineData("-")]
    public void a_reference_from_the_claim_route_is_the_drop_orleans_resolves(string id)
    {
        var drops = new DropReferences(server.Client);

        var ours = drops.Of(id);
        var orleans = server.Client.GetGrain<IDropGrain>(id);

        ours.GetGrainId().Should().Be(orleans.GetGrainId());
        ours.Should().Be(orleans);
        ours.GetType().Should().Be(orleans.GetType());
        ((GrainReference)ours).InterfaceType.Should().Be(((GrainReference)orleans).InterfaceType);
    }
}
