namespace BlockStore.Core.Scheduling;

/// <summary>
/// Cinder's capacity factors (<c>cinder/scheduler/sched_utils.py</c> <c>calculate_capacity_factors</c>), typed.
/// Reserved space is <c>floor(total × reserved%)</c>. A thin volume on a thin pool may use the usable total times
/// the over-subscription ratio, less what is already provisioned. Anything else uses real free space less the
/// reserve, and never more than the usable total less what is provisioned.
/// </summary>
public static class VirtualCapacity
{
    /// <summary>Cinder's <c>reserved_capacity</c>: whole GiB kept back from the total.</summary>
    public static double ReservedGib(double totalGib, int reservedPercentage) => Math.Floor(totalGib * reservedPercentage / 100.0);

    /// <summary>What Cinder counts as provisioned: the reported figure, or what was allocated when none is reported.</summary>
    public static double ProvisionedGib(PoolStats pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return pool.ProvisionedCapacityGib ?? pool.AllocatedCapacityGib;
    }

    /// <summary>Whether a volume of this request is counted as thin on this pool.</summary>
    public static bool CountsAsThin(PoolStats pool, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(request);
        return request.ThinRequested && pool.ThinProvisioningSupport;
    }

    /// <summary>
    /// Cinder's <c>virtual_free_capacity</c>: the GiB a new volume can still take; null when the pool's total or
    /// free capacity is unknown or infinite (nothing to compute with).
    /// </summary>
    public static double? FreeGib(PoolStats pool, bool thin)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (pool.TotalCapacityGib is not { } total || !double.IsFinite(total) ||
            pool.FreeCapacityGib is not { } free || !double.IsFinite(free))
        {
            return null;
        }

        var usable = total - ReservedGib(total, pool.ReservedPercentage);
        var provisioned = ProvisionedGib(pool);
        if (thin && pool.ThinProvisioningSupport)
        {
            return usable * pool.MaxOverSubscriptionRatio - provisioned;
        }

        // Cinder's docstring says thick space is free space less the reserve; its code since Queens compares raw
        // free space instead, which lets the reserve be filled. The documented rule is the one kept here.
        return Math.Min(free - ReservedGib(total, pool.ReservedPercentage), usable - provisioned);
    }
}
