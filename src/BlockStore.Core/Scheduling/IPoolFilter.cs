namespace BlockStore.Core.Scheduling;

/// <summary>One of the scheduler's filters: a pure yes/no on one pool for one request.</summary>
public interface IPoolFilter
{
    /// <summary>The name used in "No valid backend" messages.</summary>
    string Name { get; }

    bool Passes(PoolStats pool, PlacementRequest request);
}
