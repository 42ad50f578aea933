namespace MicroEvents.Gateway.Auth;

/// <summary>
/// Refuses to start when an endpoint does not say who may call it (one of the <see cref="Roles"/>
/// extension methods), so no route is ever open by accident.
/// </summary>
public sealed class EndpointAccessCheck(EndpointDataSource endpoints) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var undeclared = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<EndpointAccess>() is null)
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();
        return undeclared.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException(
                "Every endpoint must declare who may call it (.AllowPublic(), .RequireOperator(), .RequireAnalyst(), .RequireCreator(), " +
                ".RequireCreatorOfDrop(), .RequireDropReader(), or a feature's own such as .RequireNode()); these do not: " + string.Join("; ", undeclared));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
