using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Taking a snapshot on the volume's backend; every path ends in <c>FinishCreateSnapshot</c> (quota committed or released).</summary>
public sealed class CreateSnapshotOrchestrator : TaskOrchestrator<SnapshotOperationInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, SnapshotOperationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        FinishSnapshotInput outcome;
        if (input.Host is null)
        {
            outcome = new FinishSnapshotInput(input.ProjectId, input.SnapshotId, false, null, "The volume is not on any backend, so it cannot be snapshotted.");
        }
        else
        {
            var reply = await AgentCall.SendAndWaitAsync(context, Command(context, input, AgentOperation.CreateSnapshot), input.AgentTimeout);
            outcome = new FinishSnapshotInput(input.ProjectId, input.SnapshotId, reply.Succeeded, reply.ProviderLocation, reply.Succeeded ? null : reply.Error);
        }

        return await context.CallActivityAsync<string>(WorkflowNames.FinishCreateSnapshot, outcome, WorkflowRetries.Storage);
    }

    internal static AgentCommand Command(TaskOrchestrationContext context, SnapshotOperationInput input, AgentOperation operation)
    {
        var (backendHost, pool) = VolumeHosts.Split(input.Host!);
        return new AgentCommand
        {
            CommandId = context.NewGuid().ToString("D"),
            InstanceId = context.InstanceId,
            Operation = operation,
            BackendHost = backendHost,
            Pool = pool,
            VolumeId = input.VolumeId,
            VolumeName = StorageNames.ForVolume(input.VolumeId),
            SnapshotName = StorageNames.ForSnapshot(input.SnapshotId),
            IssuedAt = context.CurrentUtcDateTime,
        };
    }
}
