namespace BlockStore.Core.Scheduling;

/// <summary>
/// Prefers the pool with the most free space after the reserved percentage (Cinder's CapacityWeigher: the default
/// positive multiplier spreads volumes). A pool whose capacity is unknown or infinite weighs least under a positive
/// multiplier and most under a negative one, as in Cinder, so a backend that stops reporting numbers does not
/// attract every new volume.
/// </summary>
public sealed class CapacityWeigher(double multiplier = 1.0) : IPoolWeigher
{
    public double Multiplier { get; } = multiplier;

    public double Weigh(PoolStats pool, PlacementRequest request)
    {
        if (pool.FreeCapacityGib is not { } free || double.IsPositiveInfinity(free) ||
            pool.TotalCapacityGib is not { } total || double.IsPositiveInfinity(total))
        {
            return Multiplier > 0 ? double.NegativeInfinity : double.PositiveInfinity;
        }

        return Math.Floor(free - total * pool.ReservedPercentage / 100.0);
    }
}
