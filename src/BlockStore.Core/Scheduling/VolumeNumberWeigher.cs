namespace BlockStore.Core.Scheduling;

/// <summary>
/// Weighs pools by how many volumes they hold (Cinder's VolumeNumberWeigher). The default multiplier of −1 prefers
/// the pool with the fewest volumes; a positive one stacks.
/// </summary>
public sealed class VolumeNumberWeigher(double multiplier = -1.0) : IPoolWeigher
{
    public double Multiplier { get; } = multiplier;

    public double Weigh(PoolStats pool, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return pool.TotalVolumes;
    }
}
