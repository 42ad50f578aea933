using MicroEvents.Gateway;

// The gateway as its own process: an Orleans client of a running cluster.
// Orleans:GatewayPort (default 30000) names the silo's client port on this machine;
// Orleans:Gateways (comma-separated host:port) names silos elsewhere.
var builder = WebApplication.CreateBuilder(args);
builder.UseOrleansClient(client =>
{
    var gateways = builder.Configuration["Orleans:Gateways"];
    if (string.IsNullOrWhiteSpace(gateways))
        client.UseLocalhostClustering(builder.Configuration.GetValue("Orleans:GatewayPort", 30000));
    else
        client.UseStaticClustering(gateways.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(g => System.Net.IPEndPoint.Parse(g)).ToArray());
});
builder.AddGateway();

var app = builder.Build();
app.MapGateway();
app.Run();
