namespace MicroEvents.EventSourcing;

/// <summary>
/// One kind of actor stream and the only place that spells its keys: <c>"{kind}/{id}"</c>
/// (<c>drop/summer-jam</c>). The kind is also the first segment of its events' aliases
/// (<c>drop.token_minted.v1</c>). Each kind has one owner beside its actor's contract (e.g. <c>DropStream</c>).
/// </summary>
public sealed record StreamKind(string Name)
{
    public string Key(string id) => $"{Name}/{id}";

    /// <summary>The id of <paramref name="streamKey"/> when it is a stream of this kind.</summary>
    public bool TryParse(string? streamKey, out string id)
    {
        if (streamKey is { } key && key.Length > Name.Length + 1 && key[Name.Length] == '/' && key.StartsWith(Name, StringComparison.Ordinal))
        {
            id = key[(Name.Length + 1)..];
            return true;
        }
        id = "";
        return false;
    }

    public override string ToString() => Name;
}
