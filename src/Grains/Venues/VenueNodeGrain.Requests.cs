namespace MicroEvents.Venues;

/// <summary>The node's half of request authentication: whose key signed, and whether the nonce is fresh.</summary>
public sealed partial class VenueNodeGrain
{
    private readonly NodeNonces _nonces = new();

    public async Task<NodeRequestVerdict> AdmitRequest(NodeRequestSeal seal)
    {
        var state = await Stored();
        var key = state.Registration is null ? null : state.Key(seal.Signer);
        if (key is null) return NodeRequestVerdict.NotNodeKey;
        if (key.RevokedFrom is { } revoked && revoked <= Now) return NodeRequestVerdict.KeyRevoked;
        if (state.ActiveKey(Now) is not { } active || !NodeState.SameAddress(active.Address, key.Address)) return NodeRequestVerdict.KeyRotatedOut;
        return _nonces.Spend(seal.Nonce, seal.RememberUntil, Now) ? NodeRequestVerdict.Accepted : NodeRequestVerdict.NonceReused;
    }
}
