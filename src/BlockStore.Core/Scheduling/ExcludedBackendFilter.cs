namespace BlockStore.Core.Scheduling;

/// <summary>
/// Rejects backends already tried for this volume, so a reschedule goes elsewhere (Cinder's
/// IgnoreAttemptedHostsFilter, named after its older RetryFilter). An entry may be a host, a backend or a pool.
/// </summary>
public sealed class ExcludedBackendFilter : IPoolFilter
{
    public string Name => "RetryFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) => !BackendLocation.ContainsAny(request.ExcludedBackends, pool);

    public string DescribeRejection(IReadOnlyList<PoolStats> rejected, PlacementRequest request) =>
        $"already tried for this volume ({Listing.Of(request.ExcludedBackends)})";
}
