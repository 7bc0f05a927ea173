using BlockStore.Core.Agents;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Deleting a snapshot on its backend, then the record and its quota; or <c>error_deleting</c> with the reason.</summary>
public sealed class DeleteSnapshotOrchestrator : TaskOrchestrator<SnapshotOperationInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, SnapshotOperationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var outcome = new FinishSnapshotInput(input.ProjectId, input.SnapshotId, true, null, null);
        if (input.Host is not null)
        {
            var reply = await AgentCall.SendAndWaitAsync(context, CreateSnapshotOrchestrator.Command(context, input, AgentOperation.DeleteSnapshot), input.AgentTimeout);
            outcome = outcome with { Succeeded = reply.Succeeded, FailureReason = reply.Succeeded ? null : reply.Error };
        }

        return await context.CallActivityAsync<string>(WorkflowNames.FinishDeleteSnapshot, outcome, WorkflowRetries.Storage);
    }
}
