namespace MicroEvents.Gateway.Problems;

/// <summary>
/// The documented body limit, enforced here rather than by Kestrel. Kestrel stops reading at its limit and closes
/// the connection with the rest of the body unread, and a client still sending meets a connection reset instead
/// of the 413. Here the rest is read and discarded (up to <see cref="DrainBytes"/> and <see cref="DrainTime"/>)
/// before answering, so the client reads a 413 problem. Kestrel keeps <see cref="DrainBytes"/> as its hard limit.
/// </summary>
public static class BodyLimit
{
    public const long DrainBytes = 32 * 1024 * 1024;
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(10);

    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app, long limit) => app.Use(async (http, next) =>
    {
        if (http.Request.ContentLength > limit) throw TooLarge();
        if (http.Request.ContentLength is null) http.Request.Body = new CappedBody(http.Request.Body, limit);
        await next(http);
    });

    public static BadHttpRequestException TooLarge() => new("The request body is larger than this gateway accepts.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>Reads what is left of the request body, bounded, so the answer reaches a client that is still sending.</summary>
    public static async Task Drain(HttpContext http)
    {
        var body = http.Request.Body is CappedBody capped ? capped.Inner : http.Request.Body;
        using var time = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        time.CancelAfter(DrainTime);
        var buffer = new byte[16 * 1024];
        long read = 0;
        try
        {
            int n;
            while (read < DrainBytes && (n = await body.ReadAsync(buffer, time.Token)) > 0) read += n;
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // Past the bound, or the client went away: the connection closes, as it would have.
        }
    }

    /// <summary>A body of unknown length (chunked) that refuses to be read past the limit.</summary>
    private sealed class CappedBody(Stream inner, long limit) : ReadOnlyInput(inner)
    {
        private long _read;

        protected override void Seen(ReadOnlySpan<byte> read)
        {
            _read += read.Length;
            if (_read > limit) throw TooLarge();
        }
    }
}
