using System.Globalization;

namespace BlockStore.Core.Scheduling;

/// <summary>
/// Cinder's CapabilitiesFilter: every extra spec of the volume type that is unscoped or in the
/// <c>capabilities:</c> scope must be met by what the pool reports, with Cinder's operators
/// (<see cref="ExtraSpecRequirement"/>); a capability the pool does not report fails. Other scopes (<c>qos:</c>,
/// <c>provisioning:type</c>, vendor keys) are ignored; <c>volume_backend_name</c> is <see cref="BackendNameFilter"/>'s.
/// </summary>
public sealed class CapabilitiesFilter : IPoolFilter
{
    public string Name => "CapabilitiesFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) => FirstUnmet(pool, request) is null;

    public string DescribeRejection(IReadOnlyList<PoolStats> rejected, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var byRequirement = rejected
            .Select(pool => (Pool: pool, Unmet: FirstUnmet(pool, request)))
            .Where(entry => entry.Unmet is not null)
            .GroupBy(entry => entry.Unmet!)
            .Select(group => string.Create(
                CultureInfo.InvariantCulture,
                $"{group.Key.SpecKey}='{group.Key.Requirement}' not met by {group.Count()} (they report " +
                $"{Listing.Of(group.Select(entry => Reported(entry.Pool, group.Key.Capability) ?? "nothing"))})"));
        return "the volume type's extra specs do not match their capabilities: " + string.Join("; ", byRequirement);
    }

    /// <summary>
    /// The pool's value for a capability as Cinder's drivers report it: the typed fields answer for their own keys
    /// (booleans as Python prints them, "True"/"False"), anything else comes from <see cref="PoolStats.Capabilities"/>.
    /// </summary>
    public static string? Reported(PoolStats pool, string capability)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return capability switch
        {
            "volume_backend_name" => pool.VolumeBackendName,
            "pool_name" => pool.PoolName,
            "thin_provisioning_support" => pool.ThinProvisioningSupport ? "True" : "False",
            "thick_provisioning_support" => pool.ThickProvisioningSupport ? "True" : "False",
            "max_over_subscription_ratio" => Number(pool.MaxOverSubscriptionRatio),
            "reserved_percentage" => Number(pool.ReservedPercentage),
            "total_capacity_gb" => Capacity(pool.TotalCapacityGib),
            "free_capacity_gb" => Capacity(pool.FreeCapacityGib),
            "allocated_capacity_gb" => Number(pool.AllocatedCapacityGib),
            "provisioned_capacity_gb" => Number(VirtualCapacity.ProvisionedGib(pool)),
            "total_volumes" => Number(pool.TotalVolumes),
            _ => pool.Capabilities.TryGetValue(capability, out var value) ? value : null,
        };
    }

    private static CapabilityRequirement? FirstUnmet(PoolStats pool, PlacementRequest request)
    {
        foreach (var requirement in request.Specs.Capabilities)
        {
            if (!requirement.Requirement.IsMetBy(Reported(pool, requirement.Capability)))
            {
                return requirement;
            }
        }

        return null;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Capacity(double? value) => value switch
    {
        null => "unknown",
        double.PositiveInfinity => "infinite",
        { } known => Number(known),
    };
}
