namespace MicroEvents.EventSourcing;

/// <summary>
/// The stable name an event is stored under (e.g. <c>drop.token_minted.v1</c>). Stored data refers to
/// this alias, never to the CLR type, so renaming or moving a type never breaks replay.
/// A new shape of an event is a new alias (<c>.v2</c>), never an edit of an old one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventAliasAttribute(string alias) : Attribute
{
    public string Alias { get; } = alias;
}
