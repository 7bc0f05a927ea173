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
        DateTimeOffset? reportedAt = null,
        double allocatedGib = 0,
        double? provisionedGib = null,
        bool thin = false,
        double maxOverSubscriptionRatio = 1.0,
        string volumeBackendName = "",
        int totalVolumes = 0,
        IReadOnlyDictionary<string, string>? capabilities = null) => new()
    {
        Name = $"{backendHost}#{pool}",
        BackendHost = backendHost,
        PoolName = pool,
        AvailabilityZone = availabilityZone,
        TotalCapacityGib = totalGib,
        FreeCapacityGib = freeGib,
        ReservedPercentage = reservedPercentage,
        ReportedAt = reportedAt ?? Now,
        AllocatedCapacityGib = allocatedGib,
        ProvisionedCapacityGib = provisionedGib,
        ThinProvisioningSupport = thin,
        ThickProvisioningSupport = !thin,
        MaxOverSubscriptionRatio = maxOverSubscriptionRatio,
        VolumeBackendName = volumeBackendName,
        TotalVolumes = totalVolumes,
        Capabilities = capabilities ?? new Dictionary<string, string>(),
    };

    public static PlacementRequest Request(int sizeGib = 1, string? availabilityZone = null) =>
        new() { SizeGib = sizeGib, AvailabilityZone = availabilityZone };

    public static PlacementRequest Request(int sizeGib, params (string Key, string Value)[] extraSpecs) =>
        new() { SizeGib = sizeGib, ExtraSpecs = extraSpecs.ToDictionary(spec => spec.Key, spec => spec.Value) };

    public static Dictionary<string, string> Caps(params (string Key, string Value)[] capabilities) =>
        capabilities.ToDictionary(capability => capability.Key, capability => capability.Value);

    public static HashSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);
}
