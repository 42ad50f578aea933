using System.Text.RegularExpressions;
using MicroEvents.Drops.Events;
using MicroEvents.Rejections;
using MicroEvents.Text;
using MicroEvents.Wallets;

namespace MicroEvents.Drops;

/// <summary>
/// Turns a submitted manifest into a normalised <see cref="DropCreated"/>, or lists every problem
/// with it at once so a creator fixes them in one round trip.
/// </summary>
public static partial class ManifestRules
{
    public const long MaxSupply = 10_000_000;
    public const int MaxTiers = 100;
    public const int MaxAssets = 100;
    public const int MaxTierNameLength = 64;

    /// <summary>Where asset bytes may live. Local paths (which .NET on Linux reads as file URIs) never qualify.</summary>
    public static readonly IReadOnlyList<string> AssetSchemes = ["https", "http", "ipfs", "ipns", "ar"];

    public static DropCreated Validate(CreateDrop m, DateTimeOffset now)
    {
        var checks = new ClientText.Checks();

        if (!DropId.IsValid(m.Id)) checks.Fail("id", DropId.Rule);
        var title = m.Title?.Trim() ?? "";
        if (checks.Text("title", title, ClientText.MaxNameLength) && title.Length == 0) checks.Fail("title", $"is required, at most {ClientText.MaxNameLength} characters");
        if (checks.Text("creator", m.Creator, ClientText.MaxIdLength) && !WalletAddress.TryNormalize(m.Creator, out _))
            checks.Fail("creator", "must be a wallet address: 0x + 40 hex digits, EIP-55 checksummed if mixed case");
        if (m.Supply is < 1 or > MaxSupply) checks.Fail("supply", $"must be between 1 and {MaxSupply:N0}");
        var perWallet = m.PerWalletLimit ?? 1;
        if (perWallet < 1) checks.Fail("perWalletLimit", "must be at least 1");
        if (m.StartsAt is { } s && m.EndsAt is { } e && e <= s) checks.Fail("endsAt", "must be after startsAt");

        var tiers = m.Tiers ?? [];
        if (tiers.Count > MaxTiers) checks.Fail("tiers", $"at most {MaxTiers} tiers");
        for (var i = 0; i < tiers.Count; i++)
        {
            var t = tiers[i];
            if (t is null) { checks.Fail($"tiers[{i}]", "is required"); continue; }
            if (!checks.Text($"tiers[{i}].name", t.Name, MaxTierNameLength)) continue;
            if (string.IsNullOrWhiteSpace(t.Name) || t.Name.Trim().Length > MaxTierNameLength) checks.Fail($"tiers[{i}].name", $"is required, at most {MaxTierNameLength} characters");
            else if (tiers.Take(i).Any(o => string.Equals(o?.Name?.Trim(), t.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
                checks.Fail($"tiers[{i}].name", "must be unique (ignoring case)");
            if (t.Allocation < 1) checks.Fail($"tiers[{i}].allocation", "must be at least 1");
        }
        var allocated = tiers.Where(t => t is not null).Sum(t => Math.Clamp(t.Allocation, 0, MaxSupply));
        if (m.Supply is >= 1 and <= MaxSupply && allocated > m.Supply) checks.Fail("tiers", $"allocations add up to {allocated}, more than the supply {m.Supply}");

        var assets = m.Assets ?? [];
        CheckAssets(checks, "assets", assets);
        if (m.Contingency is { } contingency)
        {
            CheckAssets(checks, "contingency.assets", contingency.Assets ?? []);
            if (checks.Ok && SameAssets(Normalize(assets), Normalize(contingency.Assets!)))
                checks.Fail("contingency.assets", "must differ from the primary assets");
        }

        if (m.Limits is { } limits)
            foreach (var (field, value) in new[] { ("claimsPerIpPerMinute", limits.ClaimsPerIpPerMinute), ("claimsPerWalletPerMinute", limits.ClaimsPerWalletPerMinute), ("walletsPerIpPerWindow", limits.WalletsPerIpPerWindow) })
                if (value is < 1 or > ClaimLimits.Max) checks.Fail($"limits.{field}", $"must be between 1 and {ClaimLimits.Max:N0}");

        if (m.Custody is { } custody)
        {
            if (custody.EscrowHours is < 1 or > CustodyRules.MaxEscrowHours)
                checks.Fail("custody.escrowHours", $"must be between 1 and {CustodyRules.MaxEscrowHours}");
            if (checks.Text("custody.unconfirmedPolicy", custody.UnconfirmedPolicy, 16) && custody.UnconfirmedPolicy is { } policy
                && !CustodyRules.Policies.Contains(policy.Trim().ToLowerInvariant()))
                checks.Fail("custody.unconfirmedPolicy", $"must be {string.Join(" or ", CustodyRules.Policies)}");
        }

        if (!checks.Ok)
            throw new Rejected(RejectionCodes.ValidationFailed, "The drop manifest is invalid.", checks.Errors);
        WalletAddress.TryNormalize(m.Creator, out var creator);

        var normalTiers = tiers.Select(t => new TierAllocation(t.Name.Trim(), t.Allocation)).ToList();
        var normalAssets = Normalize(assets);
        var created = new DropCreated(m.Id!, title, creator, m.Supply, perWallet,
            m.StartsAt?.ToUniversalTime(), m.EndsAt?.ToUniversalTime(), normalTiers, normalAssets, "", now,
            m.Limits is { ClaimsPerIpPerMinute: null, ClaimsPerWalletPerMinute: null, WalletsPerIpPerWindow: null } ? null : m.Limits,
            Custody(m.Custody));
        return created with { ManifestHash = ManifestHash.Of(created) };
    }

    /// <summary>
    /// The fallback manifest of <paramref name="primary"/>: its assets validated (field names under <c>contingency.assets</c>)
    /// and normalised like the primary's, hashed exactly like the primary (its canonical JSON with these assets).
    /// </summary>
    public static ContingencySet Contingency(DropCreated primary, ContingencyManifest? fallback, DateTimeOffset now, string? by)
    {
        var checks = new ClientText.Checks();
        var assets = fallback?.Assets ?? [];
        CheckAssets(checks, "contingency.assets", assets);
        if (checks.Ok && SameAssets(primary.Assets, Normalize(assets)))
            checks.Fail("contingency.assets", "must differ from the primary assets");
        if (!checks.Ok) throw new Rejected(RejectionCodes.ValidationFailed, "The contingency manifest is invalid.", checks.Errors);
        var normal = Normalize(assets);
        return new ContingencySet(normal, ManifestHash.Of(primary with { Assets = normal }), now, by);
    }

    /// <summary>The fallback as a whole manifest: the primary with the fallback's assets and hash (what nodes prime).</summary>
    public static DropCreated AsManifest(DropCreated primary, ContingencySet fallback) =>
        primary with { Assets = fallback.Assets, ManifestHash = fallback.ManifestHash };

    private static void CheckAssets(ClientText.Checks checks, string field, IReadOnlyList<DropAsset> assets)
    {
        if (assets.Count is 0 or > MaxAssets) checks.Fail(field, $"between 1 and {MaxAssets} assets are required");
        for (var i = 0; i < assets.Count; i++)
        {
            var a = assets[i];
            var at = $"{field}[{i}]";
            if (a is null) { checks.Fail(at, "is required"); continue; }
            if (checks.Text($"{at}.uri", a.Uri, ClientText.MaxUriLength) && (a.Uri is null || !Uri.TryCreate(a.Uri, UriKind.Absolute, out var uri) || !AssetSchemes.Contains(uri.Scheme)))
                checks.Fail($"{at}.uri", $"must be an absolute {string.Join("/", AssetSchemes)} URI");
            if (checks.Text($"{at}.sha256", a.Sha256, 64) && (a.Sha256 is null || !Sha256().IsMatch(a.Sha256))) checks.Fail($"{at}.sha256", "must be 64 hex digits");
            if (checks.Text($"{at}.mediaType", a.MediaType, 255) && (a.MediaType is null || !MediaType().IsMatch(a.MediaType))) checks.Fail($"{at}.mediaType", "must be a media type such as image/png");
        }
    }

    private static List<DropAsset> Normalize(IReadOnlyList<DropAsset> assets) =>
        assets.Select(a => new DropAsset(a.Uri, a.Sha256.ToLowerInvariant(), a.MediaType.ToLowerInvariant())).ToList();

    private static bool SameAssets(IReadOnlyList<DropAsset> a, IReadOnlyList<DropAsset> b) => a.SequenceEqual(b);

    // An empty custody object means the defaults, so it keeps the hash of a manifest without one.
    private static CustodyRules? Custody(CustodyRules? custody) =>
        custody is null or { EscrowHours: null, UnconfirmedPolicy: null }
            ? null
            : new CustodyRules(custody.EscrowHours, custody.UnconfirmedPolicy?.Trim().ToLowerInvariant() ?? CustodyRules.Keep);

    [GeneratedRegex("^[0-9a-fA-F]{64}$")] private static partial Regex Sha256();
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$")] private static partial Regex MediaType();
}
