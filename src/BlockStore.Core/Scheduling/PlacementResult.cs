namespace BlockStore.Core.Scheduling;

/// <summary>The scheduler's answer: the chosen pool, or why none was chosen.</summary>
public sealed record PlacementResult
{
    public PoolStats? Pool { get; init; }

    /// <summary>Set when <see cref="Pool"/> is null: Cinder's "No valid backend was found." with the filter that emptied the list.</summary>
    public string? FailureReason { get; init; }

    public static PlacementResult Placed(PoolStats pool) => new() { Pool = pool };

    public static PlacementResult NoValidBackend(string reason) => new() { FailureReason = reason };
}
