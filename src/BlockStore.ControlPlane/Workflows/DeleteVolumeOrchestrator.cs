using System.Globalization;
using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>
/// Deleting a volume: ask its backend's agent to delete the storage, then remove the record and release the
/// quota, or end in <c>error_deleting</c> with the reason (a retry is safe: deleting what is gone succeeds).
/// A cascade delete first deletes each snapshot the API marked, exactly as a snapshot delete does (agent, then
/// <see cref="WorkflowNames.FinishDeleteSnapshot"/>, which releases its quota); the volume is deleted only when
/// every snapshot is gone.
/// </summary>
public sealed class DeleteVolumeOrchestrator : TaskOrchestrator<DeleteVolumeInput, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, DeleteVolumeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);

        var outcome = new FinishDeleteInput(input.ProjectId, input.VolumeId, true, null);

        // Every snapshot gets its attempt even after one fails, so each ends deleted or in error_deleting with its
        // own message, and none is left in deleting.
        var failed = new List<string>();
        foreach (var snapshot in input.Snapshots)
        {
            var finish = new FinishSnapshotInput(input.ProjectId, snapshot.SnapshotId, true, null, null);
            if (snapshot.Host is not null)
            {
                var reply = await AgentCall.SendAndWaitAsync(context, CreateSnapshotOrchestrator.Command(context, snapshot, AgentOperation.DeleteSnapshot), input.AgentTimeout);
                finish = finish with { Succeeded = reply.Succeeded, FailureReason = reply.Succeeded ? null : reply.Error };
            }

            var status = await context.CallActivityAsync<string>(WorkflowNames.FinishDeleteSnapshot, finish, WorkflowRetries.Storage);
            if (status != "deleted")
            {
                failed.Add(string.Create(CultureInfo.InvariantCulture, $"{snapshot.SnapshotId:D} ({finish.FailureReason ?? status})"));
            }
        }

        if (failed.Count > 0)
        {
            outcome = outcome with
            {
                Succeeded = false,
                FailureReason = $"The volume was kept because {failed.Count} of its snapshots could not be deleted: {string.Join("; ", failed)}. Delete it again to retry.",
            };
        }
        else if (input.Host is not null)
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
