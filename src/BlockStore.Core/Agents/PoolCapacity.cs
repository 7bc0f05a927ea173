namespace BlockStore.Core.Agents;

/// <summary>One pool in a <see cref="CapacityReport"/>; null capacity is "unknown".</summary>
public sealed record PoolCapacity
{
    public required string PoolName { get; init; }
    public required string AvailabilityZone { get; init; }
    public double? TotalCapacityGib { get; init; }
    public double? FreeCapacityGib { get; init; }
    public double AllocatedCapacityGib { get; init; }
    public int ReservedPercentage { get; init; }
    public string DriverName { get; init; } = "";
    public string StorageProtocol { get; init; } = "";
}
