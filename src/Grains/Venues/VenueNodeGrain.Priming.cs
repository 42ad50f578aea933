using System.Security.Cryptography;
using System.Text;
using MicroEvents.Drops;
using MicroEvents.Receipts;
using MicroEvents.Rejections;
using MicroEvents.Signatures.Receipts;
using Microsoft.Extensions.DependencyInjection;

namespace MicroEvents.Venues;

/// <summary>Priming (signed manifests of the drops the node serves) and the preflight checklist.</summary>
public sealed partial class VenueNodeGrain
{
    public async Task<NodeManifests> GetManifests(string? ifNoneMatch)
    {
        var state = NodeDecisions.Existing(await Stored());
        var manifests = new List<PrimedManifest>();
        foreach (var dropId in state.Drops)
        {
            var drop = GrainFactory.GetGrain<IDropGrain>(dropId);
            var manifest = await drop.GetManifest();
            // The drop's receipt key signs the hash: the same key a node already trusts for that drop's receipts.
            var key = await ServiceProvider.GetRequiredService<DropSigningKeys>().GetOrCreate(dropId);
            var hash = Convert.FromHexString(manifest.ManifestHash);
            // The fallback is primed with the primary, signed the same way, so a node can switch without the network.
            var fallback = await drop.GetContingencyManifest();
            var active = fallback is not null && (await drop.GetSummary()).ContingencyActive;
            manifests.Add(new PrimedManifest(dropId, Encoding.UTF8.GetString(ManifestHash.Canonical(manifest)), manifest.ManifestHash,
                key.GetPublicAddress(), RootSignature.Sign(hash, key),
                fallback is null ? null : Encoding.UTF8.GetString(ManifestHash.Canonical(fallback)), fallback?.ManifestHash,
                fallback is null ? null : RootSignature.Sign(Convert.FromHexString(fallback.ManifestHash), key), active));
        }
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", manifests.Select(m => $"{m.DropId} {m.ManifestHash} {m.Signer} {m.ContingencyManifestHash} {m.ContingencyActive}")))))[..32] + "\"";
        var hit = ifNoneMatch is not null && ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*");
        metrics.Primes.Add(1, new KeyValuePair<string, object?>("cache", hit ? "hit" : "miss"));
        return new NodeManifests(Id, etag, hit ? [] : manifests);
    }

    public async Task<PreflightReport> Preflight(PreflightRequest request)
    {
        var state = NodeDecisions.Existing(await Stored());
        var hashes = new Dictionary<string, string>();
        var fallbacks = new Dictionary<string, string>();
        var held = new Dictionary<string, long>();
        foreach (var dropId in state.Drops)
        {
            var drop = GrainFactory.GetGrain<IDropGrain>(dropId);
            hashes[dropId] = (await drop.GetManifest()).ManifestHash;
            if (await drop.GetContingencyManifest() is { } fallback) fallbacks[dropId] = fallback.ManifestHash;
            held[dropId] = (await drop.GetQuota(Id)).Held;
        }
        var (passed, detail) = await TestClaim(state);
        return await Execute(s => NodeDecisions.Preflight(s, request, new PreflightFacts(hashes, held, passed, detail) { FallbackHashes = fallbacks }, Now, Limits));
    }

    /// <summary>
    /// A real claim through a drop actor and storage, on the node's own test drop (<c>preflight-…</c>, made on first
    /// use, unlimited per wallet), minted to the node's first key. Proves the claim path end to end before doors open.
    /// </summary>
    private async Task<(bool, string)> TestClaim(NodeState state)
    {
        var dropId = "preflight-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Id)))[..16];
        var holder = state.Keys[0].Address;
        try
        {
            var drop = GrainFactory.GetGrain<IDropGrain>(dropId);
            await drop.Create(new CreateDrop(dropId, $"Preflight of node {Id}", holder, ManifestRules.MaxSupply, (int)ManifestRules.MaxSupply,
                null, null, [], [new DropAsset("https://microevents.invalid/preflight.png", new string('0', 64), "image/png")]), Access.Actor.Node(Id));
            await drop.Open(Access.Actor.Node(Id));
            var started = Clock.GetTimestamp();
            var outcome = await drop.Claim(new ClaimToken($"preflight-{Now.ToUnixTimeMilliseconds()}", holder, null));
            return (true, $"token {outcome.Receipt.TokenNumber} of {dropId} in {Clock.GetElapsedTime(started).TotalMilliseconds:0} ms");
        }
        catch (Rejected r)
        {
            return (false, $"{dropId}: {r.Code}: {r.Message}");
        }
    }
}
