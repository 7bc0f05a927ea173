namespace BlockStore.Core.Scheduling;

/// <summary>
/// Cinder's DifferentBackendFilter (the <c>different_host</c> hint): rejects pools at or under any of
/// <see cref="PlacementRequest.DifferentHostFrom"/>, so a new volume does not share a failure domain with them.
/// </summary>
public sealed class DifferentBackendFilter : IPoolFilter
{
    public string Name => "DifferentBackendFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) => !BackendLocation.ContainsAny(request.DifferentHostFrom, pool);

    public string DescribeRejection(IReadOnlyList<PoolStats> rejected, PlacementRequest request) =>
        $"on the same backend as {Listing.Of(request.DifferentHostFrom)}";
}
