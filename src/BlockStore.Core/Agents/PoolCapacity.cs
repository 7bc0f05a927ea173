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

    /// <summary>The sum of the sizes handed out (thin pools promise more than they hold); null when unknown.</summary>
    public double? ProvisionedCapacityGib { get; init; }

    /// <summary>Cinder's <c>max_over_subscription_ratio</c> for thin pools.</summary>
    public double MaxOverSubscriptionRatio { get; init; } = 1.0;

    public bool ThinProvisioningSupport { get; init; }
    public bool ThickProvisioningSupport { get; init; } = true;

    /// <summary>Cinder's <c>volume_backend_name</c>; volume types select backends by it.</summary>
    public string? VolumeBackendName { get; init; }

    public int TotalVolumes { get; init; }

    /// <summary>Further capabilities that volume types' extra specs can match (<c>multiattach</c>, <c>vendor_name</c>, …).</summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; init; } = new Dictionary<string, string>();
}
