using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>
/// Deleting a volume: ask its backend's agent to delete the storage, then remove the record and release the
/// quota, or end in <c>error_deleting</c> with the reason (a retry is safe: deleting what is gone succeeds).
/// </summary>
public sealed class DeleteVolumeOrchestrator : TaskOrchestrator<DeleteVolumeInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, DeleteVolumeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var outcome = new FinishDeleteInput(input.ProjectId, input.VolumeId, true, null);
        if (input.Host is not null)
        {
            var (backendHost, pool) = VolumeHosts.Split(input.Host);
            var command = new AgentCommand
            {
                CommandId = context.NewGuid().ToString("D"),
                InstanceId = context.InstanceId,
                Operation = AgentOperation.DeleteVolume,
                BackendHost = backendHost,
                Pool = pool,
                VolumeId = input.VolumeId,
                VolumeName = StorageNames.ForVolume(input.VolumeId),
                IssuedAt = context.CurrentUtcDateTime,
                TraceParent = input.TraceParent,
            };
            var reply = await AgentCall.SendAndWaitAsync(context, command, input.AgentTimeout);
            outcome = outcome with { Succeeded = reply.Succeeded, FailureReason = reply.Succeeded ? null : reply.Error };
        }

        await context.CallActivityAsync(WorkflowNames.FinishDeleteVolume, outcome, WorkflowRetries.Storage);
        return outcome.Succeeded ? "deleted" : VolumeStatus.ErrorDeleting.ToWire();
    }
}
