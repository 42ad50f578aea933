using System.Numerics;
using System.Text.Json;
using MicroEvents.Drops.Events;
using MicroEvents.EventSourcing;
using MicroEvents.Rejections;
using MicroEvents.Settlement.Chain;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace MicroEvents.Settlement;

/// <summary>
/// The gateway's reads of settlement: a drop's anchors from the settlement actor, and token metadata built from
/// the drop's manifest (its creation event). Token ids are hashes, so it maps them back through the token ranges
/// of the roots settlement knows, remembered per activation.
/// </summary>
[StatelessWorker]
public sealed class SettlementQueryGrain(IServiceProvider services, EventJournal journal) : Grain, ISettlementQueryGrain
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<BigInteger, (string DropId, long TokenNumber)> _tokens = new();
    private readonly HashSet<string> _indexed = new();

    public async Task<DropSettlementView> GetDropSettlement(string dropId) => View(dropId, await Status());

    public async Task<DropSettlementView> RetryFailed(string dropId)
    {
        await (await Settlement()).Retry(dropId);
        return View(dropId, await Status());
    }

    private static DropSettlementView View(string dropId, SettlementStatus status)
    {
        var anchors = status.Anchors.Where(a => a.DropId == dropId).ToList();
        return new DropSettlementView(dropId, status.ChainId, status.Contract, status.Paused, status.PauseReason,
            anchors.Where(a => a.State == AnchorStates.Anchored).ToList(),
            anchors.Where(a => a.State is AnchorStates.Queued or AnchorStates.Submitted).ToList(),
            anchors.Where(a => a.State == AnchorStates.Failed).ToList());
    }

    public async Task<TokenMetadata> GetTokenMetadata(string contract, string tokenId)
    {
        var status = await Status();
        if (!string.Equals(status.Contract, contract, StringComparison.OrdinalIgnoreCase) || !BigInteger.TryParse(tokenId, out var id))
            throw NotFound();
        foreach (var anchor in status.Anchors.Where(a => _indexed.Add(SettlementState.KeyOf(a.DropId, a.Root))))
            for (var n = anchor.FirstToken; n <= anchor.LastToken && n > 0; n++)
                _tokens[TokenIds.Of(anchor.DropId, n)] = (anchor.DropId, n);
        if (!_tokens.TryGetValue(id, out var token)) throw NotFound();

        var created = (await journal.ReadEvents($"drop/{token.DropId}", 1, 1)).FirstOrDefault();
        var drop = created is { Type: "drop.created.v1" } ? JsonSerializer.Deserialize<DropCreated>(created.DataJson, Json) : null;
        if (drop is null) throw NotFound();
        var image = drop.Assets.FirstOrDefault(a => a.MediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)) ?? drop.Assets.FirstOrDefault();
        return new TokenMetadata($"{drop.Title} #{token.TokenNumber}", $"Token {token.TokenNumber} of {drop.Supply} of the drop {token.DropId}.",
            image?.Uri,
            [new("drop", token.DropId), new("token number", token.TokenNumber.ToString()), new("supply", drop.Supply.ToString()),
             new("asset sha256", image?.Sha256 ?? "")]);
    }

    private async Task<SettlementStatus> Status() => await (await Settlement()).GetStatus();

    private async Task<ISettlementGrain> Settlement()
    {
        var chain = services.GetService<AnchorChain>()
            ?? throw new Rejected(SettlementRejectionCodes.SettlementOff, "On-chain settlement is not configured here.");
        return GrainFactory.GetGrain<ISettlementGrain>(await chain.Key());
    }

    private static Rejected NotFound() => new(SettlementRejectionCodes.TokenNotFound, "No such token.");
}
