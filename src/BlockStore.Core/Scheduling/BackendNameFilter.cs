namespace BlockStore.Core.Scheduling;

/// <summary>
/// Passes pools whose <see cref="PoolStats.VolumeBackendName"/> meets the volume type's <c>volume_backend_name</c>
/// (with or without the <c>capabilities:</c> scope, Cinder's operators allowed). Cinder checks this key inside its
/// CapabilitiesFilter; a filter of its own names the cause when a type points at a backend that is not there.
/// </summary>
public sealed class BackendNameFilter : IPoolFilter
{
    public string Name => "BackendNameFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) =>
        request.Specs.BackendName is not { } required || required.IsMetBy(pool.VolumeBackendName);

    public string DescribeRejection(IReadOnlyList<PoolStats> rejected, PlacementRequest request) =>
        $"volume_backend_name is not '{request.Specs.BackendName}' (they report {Listing.Of(rejected.Select(pool => pool.VolumeBackendName))})";
}
