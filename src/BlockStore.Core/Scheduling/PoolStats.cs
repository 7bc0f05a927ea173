using System.Collections.Frozen;

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

    /// <summary>What the control plane has placed on the pool (Cinder's <c>allocated_capacity_gb</c>).</summary>
    public double AllocatedCapacityGib { get; init; }

    /// <summary>
    /// What the backend has promised to volumes, thin ones at their full size (Cinder's <c>provisioned_capacity_gb</c>).
    /// Null when the backend does not report it: then <see cref="AllocatedCapacityGib"/> stands in, as in Cinder.
    /// </summary>
    public double? ProvisionedCapacityGib { get; init; }

    /// <summary>Percent of the total kept back from placement (Cinder's <c>reserved_percentage</c>).</summary>
    public int ReservedPercentage { get; init; }

    /// <summary>
    /// How far a thin pool may be over-subscribed: provisioned space may reach this many times the usable total.
    /// Only read when <see cref="ThinProvisioningSupport"/> is set; below 1.0 a thin pool takes no thin volumes.
    /// </summary>
    public double MaxOverSubscriptionRatio { get; init; } = 1.0;

    /// <summary>False unless reported, as in Cinder; matched by the extra spec <c>thin_provisioning_support</c>.</summary>
    public bool ThinProvisioningSupport { get; init; }

    /// <summary>False unless reported, as in Cinder; matched by the extra spec <c>thick_provisioning_support</c>.</summary>
    public bool ThickProvisioningSupport { get; init; }

    /// <summary>The backend's <c>volume_backend_name</c>, which volume types select with the extra spec of that name.</summary>
    public string VolumeBackendName { get; init; } = "";

    /// <summary>Volumes on the pool (what Cinder's VolumeNumberWeigher counts).</summary>
    public int TotalVolumes { get; init; }

    /// <summary>
    /// Other capabilities the driver reports, matched by volume type extra specs (<c>storage_protocol</c>,
    /// <c>vendor_name</c>, <c>multiattach</c>…). The typed fields above answer for their own Cinder keys.
    /// </summary>
    public IReadOnlyDictionary<string, string> Capabilities { get; init; } = FrozenDictionary<string, string>.Empty;

    public required DateTimeOffset ReportedAt { get; init; }

    /// <summary>
    /// The pool as it will be once a volume for <paramref name="request"/> lands on it (Cinder's
    /// <c>consume_from_volume</c>), so that volumes placed before the next report spread instead of piling onto the
    /// pool that looked emptiest. <see cref="ReportedAt"/> is kept: consumption is a guess, not a report, and must not
    /// make a silent pool look fresh. Unknown or infinite free space stays as it is.
    /// </summary>
    public PoolStats ConsumeFor(PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = request.SizeGib;
        return this with
        {
            AllocatedCapacityGib = AllocatedCapacityGib + size,
            ProvisionedCapacityGib = ProvisionedCapacityGib + size,
            FreeCapacityGib = FreeCapacityGib is { } free && double.IsFinite(free) ? free - size : FreeCapacityGib,
            TotalVolumes = TotalVolumes + 1,
        };
    }
}
