namespace MicroEvents.Projections;

/// <summary>Problem types of the projections, beside their contract.</summary>
public static class ProjectionRejectionCodes
{
    public const string ProjectionNotFound = "projection-not-found";

    /// <summary>A rebuild of the projection is already running.</summary>
    public const string RebuildRunning = "rebuild-running";

    public static IEnumerable<KeyValuePair<string, int>> Statuses =>
    [
        new(ProjectionNotFound, 404),
        new(RebuildRunning, 409),
    ];
}
