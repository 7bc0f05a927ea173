using BlockStore.Core.Agents;
using BlockStore.Core.Scheduling;
using BlockStore.Core.Volumes;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>
/// Creating a volume, as a saga: schedule, ask the backend's agent, then record the outcome. A driver failure or a
/// command that could not be sent reschedules on another backend (Cinder's <c>scheduler_max_attempts</c>, 3); a silent
/// agent does not, since it may still create the volume. Every path ends in <c>FinishCreateVolume</c>, which commits the quota on success and
/// releases it on failure, so no create leaks quota or leaves a volume in <c>creating</c>.
/// </summary>
public sealed class CreateVolumeOrchestrator : TaskOrchestrator<CreateVolumeInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, CreateVolumeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        if (input.Source is { } source)
        {
            return await CopyAsync(context, input, source);
        }

        var attempts = SchedulingAttempts.Start();
        string? lastHost = null;
        while (attempts.CanAttempt)
        {
            var placement = await ScheduleAsync(context, input, attempts);
            if (!placement.Succeeded)
            {
                // After a failed attempt, "no other backend" is best explained by the driver's own error.
                var reason = attempts.Failures == 0 ? placement.FailureReason : attempts.ExhaustedReason(input.VolumeId.ToString("D"));
                return await FinishAsync(context, new FinishCreateInput(input.ProjectId, input.VolumeId, false, lastHost, null, reason), input.TraceParent);
            }

            lastHost = placement.Host;
            var command = new AgentCommand
            {
                CommandId = context.NewGuid().ToString("D"),
                InstanceId = context.InstanceId,
                Operation = AgentOperation.CreateVolume,
                BackendHost = placement.BackendHost!,
                Pool = placement.PoolName!,
                VolumeId = input.VolumeId,
                VolumeName = StorageNames.ForVolume(input.VolumeId),
                SizeGib = input.SizeGib,
                IssuedAt = context.CurrentUtcDateTime,
                TraceParent = input.TraceParent,
            };
            var reply = await AgentCall.SendAndWaitAsync(context, command, input.AgentTimeout);
            if (!reply.MayRetryElsewhere)
            {
                // The host is recorded on failure too: the agent may have created the volume after all, and a
                // delete of the errored volume must reach that backend to clean it up.
                return await FinishAsync(context, new FinishCreateInput(
                    input.ProjectId, input.VolumeId, reply.Succeeded, placement.Host, reply.ProviderLocation, reply.Succeeded ? null : reply.Error), input.TraceParent);
            }

            attempts = attempts.AfterFailureOn(placement.BackendHost!, reply.Error);
        }

        return await FinishAsync(context, new FinishCreateInput(
            input.ProjectId, input.VolumeId, false, lastHost, null, attempts.ExhaustedReason(input.VolumeId.ToString("D"))), input.TraceParent);
    }

    /// <summary>A copy of a snapshot or volume is made on the backend that holds the source, as Cinder does.</summary>
    private static async Task<string> CopyAsync(TaskOrchestrationContext context, CreateVolumeInput input, CreateVolumeSource source)
    {
        if (source.Host is null)
        {
            return await FinishAsync(context, new FinishCreateInput(input.ProjectId, input.VolumeId, false, null, null, "The source is not on any backend, so it cannot be copied."), input.TraceParent);
        }

        var (backendHost, pool) = VolumeHosts.Split(source.Host);
        var command = new AgentCommand
        {
            CommandId = context.NewGuid().ToString("D"),
            InstanceId = context.InstanceId,
            Operation = source.SnapshotName is null ? AgentOperation.CloneVolume : AgentOperation.CreateVolumeFromSnapshot,
            BackendHost = backendHost,
            Pool = pool,
            VolumeId = input.VolumeId,
            VolumeName = StorageNames.ForVolume(input.VolumeId),
            SizeGib = input.SizeGib,
            SourceVolumeName = source.SourceVolumeName,
            SnapshotName = source.SnapshotName,
            IssuedAt = context.CurrentUtcDateTime,
            TraceParent = input.TraceParent,
        };
        var reply = await AgentCall.SendAndWaitAsync(context, command, input.AgentTimeout);
        return await FinishAsync(context, new FinishCreateInput(
            input.ProjectId, input.VolumeId, reply.Succeeded, source.Host, reply.ProviderLocation, reply.Succeeded ? null : reply.Error), input.TraceParent);
    }

    private static async Task<Placement> ScheduleAsync(TaskOrchestrationContext context, CreateVolumeInput input, SchedulingAttempts attempts)
    {
        try
        {
            return await context.CallActivityAsync<Placement>(
                WorkflowNames.ScheduleVolume,
                new ScheduleVolumeInput(input.VolumeId, input.SizeGib, input.AvailabilityZone, attempts.TriedBackends)
                {
                    ProjectId = input.ProjectId,
                    ExtraSpecs = input.ExtraSpecs,
                    SameHostAs = input.SameHostAs,
                    DifferentHostFrom = input.DifferentHostFrom,
                    TraceParent = input.TraceParent,
                },
                WorkflowRetries.Storage);
        }
        catch (TaskFailedException ex)
        {
            return new Placement(null, null, null, $"The scheduler failed: {ex.FailureDetails.ErrorMessage}");
        }
    }

    private static async Task<string> FinishAsync(TaskOrchestrationContext context, FinishCreateInput outcome, string? traceParent)
    {
        outcome = outcome with { TraceParent = traceParent };
        await context.CallActivityAsync(WorkflowNames.FinishCreateVolume, outcome, WorkflowRetries.Storage);
        return outcome.Succeeded ? VolumeStatus.Available.ToWire() : VolumeStatus.Error.ToWire();
    }
}
