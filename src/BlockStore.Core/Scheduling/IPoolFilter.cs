namespace BlockStore.Core.Scheduling;

/// <summary>One of the scheduler's filters: a pure yes/no on one pool for one request.</summary>
public interface IPoolFilter
{
    /// <summary>The name used in "No valid backend" messages.</summary>
    string Name { get; }

    bool Passes(PoolStats pool, PlacementRequest request);

    /// <summary>
    /// Why the filter turned these pools away, in words for the user who asked for the volume (no trailing full
    /// stop). Only called when nothing could be placed, so it may take its time.
    /// </summary>
    string DescribeRejection(IReadOnlyList<PoolStats> rejected, PlacementRequest request) => "did not pass";
}
