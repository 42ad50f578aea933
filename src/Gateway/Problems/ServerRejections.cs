using System.IO.Pipelines;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MicroEvents.Gateway.Problems;

/// <summary>
/// Kestrel answers some requests before the app runs: a request line over the limit (414), headers over the
/// limit (431), a malformed request line or header, a NUL byte in a header or path (400), an unknown HTTP version
/// (505). It writes those with no body at all. This connection middleware gives each one the problem+json body
/// every other error has, so a client never meets an error it cannot read. Nothing else on the connection changes.
/// </summary>
public static class ServerRejections
{
    public static ListenOptions UseProblemBodies(this ListenOptions listen)
    {
        listen.Use(next => async connection =>
        {
            var transport = connection.Transport;
            var recent = new RecentBytes();
            var output = new BareRejectionBodies(transport.Output.AsStream(), recent);
            connection.Transport = new Duplex(new ObservedInput(transport.Input, recent), PipeWriter.Create(output));
            try { await next(connection); }
            finally { connection.Transport = transport; }
        });
        return listen;
    }

    private sealed record Duplex(PipeReader Input, PipeWriter Output) : IDuplexPipe;
}
