using BlockStore.ControlPlane.Pools;
using BlockStore.Core.Scheduling;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Runs the filter scheduler over the pools' last reports.</summary>
public sealed class ScheduleVolumeActivity(PoolStore pools, TimeProvider time, IOptions<ControlPlaneOptions> options)
    : TaskActivity<ScheduleVolumeInput, Placement>
{
    private static readonly FilterScheduler Scheduler = FilterScheduler.CreateDefault();

    public override async Task<Placement> RunAsync(TaskActivityContext context, ScheduleVolumeInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var candidates = await pools.ListAsync(CancellationToken.None);
        var result = Scheduler.Place(candidates, new PlacementRequest
        {
            SizeGib = input.SizeGib,
            AvailabilityZone = input.AvailabilityZone,
            ExcludedBackends = input.ExcludedBackends.ToHashSet(StringComparer.Ordinal),
            ReportedAfter = time.GetUtcNow() - options.Value.StaleReportAfter,
        });
        return result.Pool is { } pool
            ? new Placement(pool.Name, pool.BackendHost, pool.PoolName, null)
            : new Placement(null, null, null, result.FailureReason);
    }
}
