namespace BlockStore.Core.Scheduling;

/// <summary>
/// Passes pools with room for the volume after the reserved percentage, as Cinder's CapacityFilter
/// does for thick provisioning. Unknown or infinite capacity passes, as in Cinder.
/// </summary>
public sealed class CapacityFilter : IPoolFilter
{
    public string Name => "CapacityFilter";

    public bool Passes(PoolStats pool, PlacementRequest request)
    {
        if (pool.FreeCapacityGib is not { } free || double.IsPositiveInfinity(free))
        {
            return true;
        }

        if (pool.TotalCapacityGib is not { } total || double.IsPositiveInfinity(total))
        {
            return true;
        }

        var reserved = total * pool.ReservedPercentage / 100.0;
        return Math.Floor(free - reserved) >= request.SizeGib;
    }
}
