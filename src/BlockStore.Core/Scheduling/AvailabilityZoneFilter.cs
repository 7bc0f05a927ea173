namespace BlockStore.Core.Scheduling;

/// <summary>Passes pools in the requested availability zone (any zone when none was asked for).</summary>
public sealed class AvailabilityZoneFilter : IPoolFilter
{
    public string Name => "AvailabilityZoneFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) =>
        request.AvailabilityZone is null || string.Equals(pool.AvailabilityZone, request.AvailabilityZone, StringComparison.Ordinal);

    public string DescribeRejection(IReadOnlyList<PoolStats> rejected, PlacementRequest request) =>
        $"not in availability zone '{request.AvailabilityZone}' (they are in {Listing.Of(rejected.Select(pool => pool.AvailabilityZone))})";
}
