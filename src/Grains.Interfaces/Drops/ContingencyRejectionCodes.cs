namespace MicroEvents.Drops;

/// <summary>Problem types of contingency (fallback) manifests, beside the drop's contingency decisions.</summary>
public static class ContingencyRejectionCodes
{
    public const string NoContingency = "no-contingency";
    public const string ContingencyActive = "contingency-already-active";
    public const string ContingencyNotActive = "contingency-not-active";
    public const string ContingencyLocked = "contingency-locked";
    public const string NodeNotServingDrop = "node-not-serving-drop";

    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
    [
        new(NoContingency, 409),
        new(ContingencyActive, 409),
        new(ContingencyNotActive, 409),
        new(ContingencyLocked, 409),
        new(NodeNotServingDrop, 403),
    ];
}
