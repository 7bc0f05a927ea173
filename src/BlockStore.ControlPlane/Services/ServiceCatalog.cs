using BlockStore.ControlPlane.Pools;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Services;

/// <summary>
/// The services Cinder would list: one <c>cinder-scheduler</c> (the control plane itself) and one
/// <c>cinder-volume</c> per backend that reports capacity, up while its reports are fresh, with the state an
/// operator set on it.
/// </summary>
public sealed class ServiceCatalog(PoolStore pools, ServiceStateStore states, TimeProvider time, IOptions<ControlPlaneOptions> options)
{
    public const string SchedulerHost = "blockstore";

    public async Task<IReadOnlyList<ServiceInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var fresh = now - options.Value.StaleReportAfter;
        var settings = await states.ListAsync(cancellationToken);
        var services = new List<ServiceInfo>
        {
            With(new ServiceInfo(ServiceStateStore.SchedulerBinary, SchedulerHost, options.Value.DefaultAvailabilityZone, true, now, false, null, false), settings),
        };
        services.AddRange((await pools.ListAsync(cancellationToken))
            .GroupBy(pool => pool.BackendHost, StringComparer.Ordinal)
            .OrderBy(backend => backend.Key, StringComparer.Ordinal)
            .Select(backend =>
            {
                var reported = backend.Max(pool => pool.ReportedAt);
                return With(new ServiceInfo(ServiceStateStore.VolumeBinary, backend.Key, backend.First().AvailabilityZone, reported >= fresh, reported, false, null, false), settings);
            }));
        return services;
    }

    private static ServiceInfo With(ServiceInfo service, IReadOnlyDictionary<(string Binary, string Host), ServiceState> settings) =>
        settings.TryGetValue((service.Binary, service.Host), out var state)
            ? service with
            {
                Disabled = state.Disabled,
                DisabledReason = state.DisabledReason,
                Frozen = state.Frozen,
                // As Cinder: updated_at shows the operator's change when it is newer than the last heartbeat.
                UpdatedAt = state.ModifiedAt > service.UpdatedAt ? state.ModifiedAt : service.UpdatedAt,
            }
            : service;
}
