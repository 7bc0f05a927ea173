namespace BlockStore.Core.Scheduling;

/// <summary>
/// Weighs pools by what the control plane has allocated on them (Cinder's AllocatedCapacityWeigher). The default
/// multiplier of −1 prefers the least allocated pool; a positive one stacks onto the most allocated.
/// </summary>
public sealed class AllocatedCapacityWeigher(double multiplier = -1.0) : IPoolWeigher
{
    public double Multiplier { get; } = multiplier;

    public double Weigh(PoolStats pool, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return pool.AllocatedCapacityGib;
    }
}
