using BlockStore.Core.Scheduling;

namespace BlockStore.Core.Tests.Scheduling;

/// <summary>Builds capacity reports the way an agent sends them, so each test states only what it varies.</summary>
internal static class Pools
{
    public static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static PoolStats Pool(
        string backendHost,
        double? totalGib = 100,
        double? freeGib = 100,
        int reservedPercentage = 0,
        string availabilityZone = "az1",
        string pool = "pool",
        DateTimeOffset? reportedAt = null) => new()
    {
        Name = $"{backendHost}#{pool}",
        BackendHost = backendHost,
        PoolName = pool,
        AvailabilityZone = availabilityZone,
        TotalCapacityGib = totalGib,
        FreeCapacityGib = freeGib,
        ReservedPercentage = reservedPercentage,
        ReportedAt = reportedAt ?? Now,
    };

    public static PlacementRequest Request(int sizeGib = 1, string? availabilityZone = null) =>
        new() { SizeGib = sizeGib, AvailabilityZone = availabilityZone };
}
