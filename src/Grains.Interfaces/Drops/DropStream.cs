using MicroEvents.EventSourcing;

namespace MicroEvents.Drops;

/// <summary>The drop actor's stream: <c>drop/{id}</c>. Build and read drop stream keys only through this.</summary>
public static class DropStream
{
    public static readonly StreamKind Kind = new("drop");

    public static string Key(string dropId) => Kind.Key(dropId);

    public static bool TryParse(string? streamKey, out string dropId) => Kind.TryParse(streamKey, out dropId);
}
