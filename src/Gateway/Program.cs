using MicroEvents.Gateway;
using MicroEvents.Gateway.Cluster;
using MicroEvents.Gateway.Secrets;
using MicroEvents.Gateway.Telemetry;

// The gateway as its own process: an Orleans client of a running cluster. With
// ConnectionStrings:Postgres it finds the silos in the membership table (see GatewayClustering).
var builder = WebApplication.CreateBuilder(GatewayHost.HostArgs(args));
// Shared secrets (Secrets__File / --secrets, environment overrides) before anything reads them.
if (!builder.LoadSecrets(args)) return 1;
builder.AddRunLogging();
builder.UseOrleansClient(client => client.UseClusterOf(builder.Configuration).AddActivityPropagation());
builder.AddGateway();

var app = builder.Build();
app.MapGateway();
app.Run();
return 0;
