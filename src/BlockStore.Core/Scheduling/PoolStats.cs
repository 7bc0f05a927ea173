namespace BlockStore.Core.Scheduling;

/// <summary>
/// A pool as the scheduler sees it: the last capacity report of one <c>host@backend#pool</c>.
/// A null capacity is "unknown" and <see cref="double.PositiveInfinity"/> is "infinite", Cinder's two special values.
/// </summary>
public sealed record PoolStats
{
    /// <summary>Cinder's pool name, <c>host@backend#pool</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The agent's backend, <c>host@backend</c>: where commands for the pool are sent.</summary>
    public required string BackendHost { get; init; }

    public required string PoolName { get; init; }
    public required string AvailabilityZone { get; init; }
    public double? TotalCapacityGib { get; init; }
    public double? FreeCapacityGib { get; init; }
    public double AllocatedCapacityGib { get; init; }

    /// <summary>Percent of the total kept back from placement (Cinder's <c>reserved_percentage</c>).</summary>
    public int ReservedPercentage { get; init; }

    public required DateTimeOffset ReportedAt { get; init; }
}
