namespace BlockStore.Core.Scheduling;

/// <summary>
/// Cinder's SameBackendFilter (the <c>same_host</c> hint): passes pools at or under one of
/// <see cref="PlacementRequest.SameHostAs"/>, so a new volume lands beside the ones named. No hint passes every pool.
/// </summary>
public sealed class SameBackendFilter : IPoolFilter
{
    public string Name => "SameBackendFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) =>
        request.SameHostAs.Count == 0 || BackendLocation.ContainsAny(request.SameHostAs, pool);

    public string DescribeRejection(IReadOnlyList<PoolStats> rejected, PlacementRequest request) =>
        $"not on the same backend as {Listing.Of(request.SameHostAs)}";
}
