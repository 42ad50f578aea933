using MicroEvents.Access;
using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.Auth;

/// <summary>Operators' API keys over HTTP (create with expiry, list, revoke).</summary>
public sealed class ApiKeysModule : IGatewayModule
{
    public IEnumerable<KeyValuePair<string, int>> Problems => AccessRejectionCodes.Statuses;
    public IEnumerable<Type> CodeTables => [typeof(AccessRejectionCodes)];

    public void Map(IEndpointRouteBuilder app) => app.MapApiKeys();
}
