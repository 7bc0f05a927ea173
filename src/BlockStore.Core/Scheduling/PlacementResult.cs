namespace BlockStore.Core.Scheduling;

/// <summary>The scheduler's answer: the chosen pool, or why none was chosen.</summary>
public sealed record PlacementResult
{
    public const string NoValidBackendPrefix = "No valid backend was found.";

    public PoolStats? Pool { get; init; }

    /// <summary>
    /// Set when <see cref="Pool"/> is null: Cinder's "No valid backend was found." followed by each filter that
    /// turned pools away, how many and why.
    /// </summary>
    public string? FailureReason { get; init; }

    /// <summary>When nothing was placed: every filter that turned pools away, in the order the scheduler runs them.</summary>
    public IReadOnlyList<FilterRejection> Rejections { get; init; } = [];

    public static PlacementResult Placed(PoolStats pool) => new() { Pool = pool };

    public static PlacementResult NoValidBackend(string reason) => new() { FailureReason = reason };

    public static PlacementResult NoValidBackend(IReadOnlyList<FilterRejection> rejections)
    {
        ArgumentNullException.ThrowIfNull(rejections);
        return new()
        {
            FailureReason = string.Join(' ', [NoValidBackendPrefix, .. rejections.Select(rejection => rejection.ToString())]),
            Rejections = rejections,
        };
    }
}
