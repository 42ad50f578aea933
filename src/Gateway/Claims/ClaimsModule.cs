using MicroEvents.Claims;
using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Claims;

/// <summary>Signed, custodial and handed-off claims over HTTP: challenges and custody.</summary>
public sealed class ClaimsModule : IGatewayModule
{
    public IEnumerable<KeyValuePair<string, int>> Problems => SignatureProblems.Statuses.Concat(ClaimRejectionCodes.Statuses);
    public IEnumerable<Type> CodeTables => [typeof(SignatureProblems), typeof(ClaimRejectionCodes)];

    public void AddServices(WebApplicationBuilder builder) => builder.AddClaimChallenges();

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapClaimChallenges();
        app.MapCustody();
    }
}
