namespace BlockStore.Core.Scheduling;

/// <summary>
/// Prefers the pool with the most free space after the reserved percentage (Cinder's CapacityWeigher with
/// the default positive multiplier spreads volumes). Infinite or unknown capacity weighs most, as in Cinder.
/// </summary>
public sealed class CapacityWeigher(double multiplier = 1.0) : IPoolWeigher
{
    public double Multiplier { get; } = multiplier;

    public double Weigh(PoolStats pool, PlacementRequest request)
    {
        if (pool.FreeCapacityGib is not { } free || double.IsPositiveInfinity(free) ||
            pool.TotalCapacityGib is not { } total || double.IsPositiveInfinity(total))
        {
            return double.PositiveInfinity;
        }

        return Math.Floor(free - total * pool.ReservedPercentage / 100.0);
    }
}
