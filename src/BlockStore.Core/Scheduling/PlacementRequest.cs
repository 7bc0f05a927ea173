namespace BlockStore.Core.Scheduling;

/// <summary>What a volume needs from a pool.</summary>
public sealed record PlacementRequest
{
    public required int SizeGib { get; init; }

    /// <summary>The requested zone; null places anywhere.</summary>
    public string? AvailabilityZone { get; init; }

    /// <summary>Backends already tried for this volume (rescheduling never retries them).</summary>
    public IReadOnlySet<string> ExcludedBackends { get; init; } = new HashSet<string>();

    /// <summary>Pools whose last report is older than this are stale and not used; null accepts any age.</summary>
    public DateTimeOffset? ReportedAfter { get; init; }
}
