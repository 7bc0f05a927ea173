using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>
/// Creating a volume, as a saga: schedule, ask the backend's agent, then record the outcome. Every path ends
/// in <c>FinishCreateVolume</c>, which commits the quota on success and releases it on failure, so no create
/// leaks quota or leaves a volume in <c>creating</c>.
/// </summary>
public sealed class CreateVolumeOrchestrator : TaskOrchestrator<CreateVolumeInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, CreateVolumeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        Placement placement;
        try
        {
            placement = await context.CallActivityAsync<Placement>(
                WorkflowNames.ScheduleVolume,
                new ScheduleVolumeInput(input.VolumeId, input.SizeGib, input.AvailabilityZone, []),
                WorkflowRetries.Storage);
        }
        catch (TaskFailedException ex)
        {
            placement = new Placement(null, null, null, $"The scheduler failed: {ex.FailureDetails.ErrorMessage}");
        }

        if (!placement.Succeeded)
        {
            return await FinishAsync(context, new FinishCreateInput(input.ProjectId, input.VolumeId, false, null, null, placement.FailureReason));
        }

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
        };
        var reply = await AgentCall.SendAndWaitAsync(context, command, input.AgentTimeout);

        // The host is recorded on failure too: the agent may have created the volume after all, and a
        // delete of the errored volume must reach that backend to clean it up.
        return await FinishAsync(context, new FinishCreateInput(
            input.ProjectId, input.VolumeId, reply.Succeeded, placement.Host, reply.ProviderLocation, reply.Succeeded ? null : reply.Error));
    }

    private static async Task<string> FinishAsync(TaskOrchestrationContext context, FinishCreateInput outcome)
    {
        await context.CallActivityAsync(WorkflowNames.FinishCreateVolume, outcome, WorkflowRetries.Storage);
        return outcome.Succeeded ? VolumeStatus.Available.ToWire() : VolumeStatus.Error.ToWire();
    }
}
