namespace BlockStore.Core.Scheduling;

/// <summary>Rejects backends already tried for this volume, so a reschedule goes elsewhere.</summary>
public sealed class ExcludedBackendFilter : IPoolFilter
{
    public string Name => "RetryFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) => !request.ExcludedBackends.Contains(pool.BackendHost);
}
