namespace MicroEvents.Live;

/// <summary>
/// Turns a stretch of the stream into live messages: a status message at each version where the status
/// changed (sold out included, at the mint that sold it out), then one progress message for the rest.
/// Versions only grow, so a client resuming after any message's version misses nothing and repeats nothing.
/// </summary>
public static class LiveFold
{
    public static (LiveState State, IReadOnlyList<LiveMessage> Messages) Step(LiveState from, LiveRead read, double? claimsPerSecond)
    {
        var messages = new List<LiveMessage>();
        var state = from;
        long released = 0;
        foreach (var point in read.Points)
        {
            state = Minted(state, from.Minted + point.MintsBefore - released, point.MintBefore, messages, claimsPerSecond);
            var next = state.After(point);
            if (point.Alias == LiveState.ReleasedAlias) released++;
            if (next.Status != state.Status) messages.Add(next.Message(LiveKind.Status, claimsPerSecond, point.Timestamp));
            state = next;
        }
        state = Minted(state, from.Minted + read.Mints - released, read.LastMint, messages, claimsPerSecond);
        if (read.Version > state.Version) state = state with { Version = read.Version };
        if (state.Version > (messages.Count > 0 ? messages[^1].Version : from.Version))
            messages.Add(state.Message(LiveKind.Progress, claimsPerSecond));
        return (state, messages);
    }

    // Mints up to this one happened since the state's version: a drop that they sold out changes status there.
    private static LiveState Minted(LiveState state, long held, LiveMint? mint, List<LiveMessage> messages, double? claimsPerSecond)
    {
        if (mint is null || mint.Version <= state.Version) return state;
        var next = state with { Version = mint.Version, Minted = held, LastToken = mint.Token };
        if (next.Status != state.Status) messages.Add(next.Message(LiveKind.Status, claimsPerSecond, mint.Token.ClaimedAt));
        return next;
    }
}
