namespace BlockStore.Core.Scheduling;

/// <summary>
/// Prefers the pool with the most virtual free space (Cinder's CapacityWeigher): over-subscribed space for a thin
/// volume on a thin pool, free space after the reserve otherwise; the default positive multiplier spreads volumes.
/// A pool whose capacity is unknown or infinite weighs least under a positive multiplier and most under a negative
/// one, as in Cinder (bug 1350638), so a backend that stops reporting numbers does not attract every new volume.
/// </summary>
public sealed class CapacityWeigher(double multiplier = 1.0) : IPoolWeigher
{
    public double Multiplier { get; } = multiplier;

    public double Weigh(PoolStats pool, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(request);
        return VirtualCapacity.FreeGib(pool, request.ThinRequested) is { } free
            ? free
            : Multiplier > 0 ? double.NegativeInfinity : double.PositiveInfinity;
    }
}
