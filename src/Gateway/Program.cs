using MicroEvents.Gateway;
using MicroEvents.Gateway.Cluster;
using MicroEvents.Gateway.Telemetry;

// The gateway as its own process: an Orleans client of a running cluster. With
// ConnectionStrings:Postgres it finds the silos in the membership table (see GatewayClustering).
var builder = WebApplication.CreateBuilder(GatewayHost.HostArgs(args));
builder.AddRunLogging();
builder.UseOrleansClient(client => client.UseClusterOf(builder.Configuration).AddActivityPropagation());
builder.AddGateway();

var app = builder.Build();
app.MapGateway();
app.Run();
