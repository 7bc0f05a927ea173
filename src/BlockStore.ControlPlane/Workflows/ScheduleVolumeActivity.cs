using System.Collections.Frozen;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Services;
using BlockStore.ControlPlane.Volumes;
using BlockStore.ControlPlane.Telemetry;
using BlockStore.Core.Scheduling;
using BlockStore.Core.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>
/// Runs the filter scheduler over the pools' last reports, then counts the volume against the chosen pool until
/// its next report (so volumes placed in between spread instead of piling onto one pool).
/// </summary>
public sealed class ScheduleVolumeActivity(PoolStore pools, ServiceStateStore services, VolumeStore volumes, TimeProvider time, IOptions<ControlPlaneOptions> options)
    : TaskActivity<ScheduleVolumeInput, Placement>
{
    private static readonly FilterScheduler Scheduler = FilterScheduler.CreateDefault();

    public override async Task<Placement> RunAsync(TaskActivityContext context, ScheduleVolumeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var activity = Tracing.StartFrom(ControlPlaneTelemetry.Source, "schedule volume", input.TraceParent);
        activity?.SetTag("blockstore.volume_id", input.VolumeId.ToString("D"));
        var sameHostAs = await HostsOfAsync(input.ProjectId, input.SameHostAs);
        if (input.SameHostAs.Count > 0 && sameHostAs.Count == 0)
        {
            // As Cinder's SameBackendFilter: a hint naming no placed volume matches no backend.
            return new Placement(null, null, null, "No valid backend was found. SameBackendFilter: none of the volumes named in the same_host hint is placed on a backend.");
        }

        var request = new PlacementRequest
        {
            SizeGib = input.SizeGib,
            AvailabilityZone = input.AvailabilityZone,
            ExcludedBackends = input.ExcludedBackends.ToFrozenSet(StringComparer.Ordinal),
            ReportedAfter = time.GetUtcNow() - options.Value.StaleReportAfter,
            ExtraSpecs = input.ExtraSpecs,
            SameHostAs = sameHostAs,
            DifferentHostFrom = await HostsOfAsync(input.ProjectId, input.DifferentHostFrom),
        };
        // As Cinder's host manager: disabled and frozen volume services are not offered to the filters at all.
        var unschedulable = await services.UnschedulableBackendsAsync(CancellationToken.None);
        var candidates = (await pools.ListAsync(CancellationToken.None)).Where(pool => !unschedulable.Contains(pool.BackendHost)).ToList();
        var result = Scheduler.Place(candidates, request);
        if (result.Pool is not { } pool)
        {
            return new Placement(null, null, null, result.FailureReason);
        }

        await pools.ConsumeAsync(pool, request, CancellationToken.None);
        activity?.SetTag("blockstore.pool", pool.Name);
        return new Placement(pool.Name, pool.BackendHost, pool.PoolName, null);
    }

    /// <summary>The hosts of the hinted volumes; a hinted volume that is not placed (or not there) contributes none.</summary>
    private async Task<FrozenSet<string>> HostsOfAsync(string projectId, IReadOnlyList<Guid> volumeIds)
    {
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in volumeIds)
        {
            if (await volumes.FindAsync(projectId, id, CancellationToken.None) is { Host: { } host })
            {
                hosts.Add(host);
            }
        }

        return hosts.ToFrozenSet(StringComparer.Ordinal);
    }
}
