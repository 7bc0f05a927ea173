using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>
/// Growing a volume (os-extend): the agent resizes it, then <c>FinishExtendVolume</c> commits the reserved gigabytes
/// and the new size, or releases them and leaves <c>error_extending</c> with the reason.
/// </summary>
public sealed class ExtendVolumeOrchestrator : TaskOrchestrator<ExtendVolumeInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, ExtendVolumeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        FinishExtendInput outcome;
        if (input.Host is null)
        {
            outcome = new FinishExtendInput(input.ProjectId, input.VolumeId, input.OldSizeGib, input.NewSizeGib, false, "The volume is not on any backend.");
        }
        else
        {
            var (backendHost, pool) = VolumeHosts.Split(input.Host);
            var reply = await AgentCall.SendAndWaitAsync(context, new AgentCommand
            {
                CommandId = context.NewGuid().ToString("D"),
                InstanceId = context.InstanceId,
                Operation = AgentOperation.ExtendVolume,
                BackendHost = backendHost,
                Pool = pool,
                VolumeId = input.VolumeId,
                VolumeName = StorageNames.ForVolume(input.VolumeId),
                SizeGib = input.NewSizeGib,
                IssuedAt = context.CurrentUtcDateTime,
            }, input.AgentTimeout);
            outcome = new FinishExtendInput(input.ProjectId, input.VolumeId, input.OldSizeGib, input.NewSizeGib, reply.Succeeded, reply.Succeeded ? null : reply.Error);
        }

        return await context.CallActivityAsync<string>(WorkflowNames.FinishExtendVolume, outcome, WorkflowRetries.Storage);
    }
}
