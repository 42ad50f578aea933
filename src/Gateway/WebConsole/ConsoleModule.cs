using MicroEvents.Gateway.Modules;

namespace MicroEvents.Gateway.WebConsole;

/// <summary>The browser console's static, anonymous pages (a client of the API, not part of it).</summary>
public sealed class ConsoleModule : IGatewayModule
{
    public void Map(IEndpointRouteBuilder app) => app.MapConsole();
}
