using BlockStore.Core.Agents;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Volumes;
using static BlockStore.ControlPlane.Tests.Workflows.WorkflowHostFixture;

namespace BlockStore.ControlPlane.Tests.Workflows;

[Collection(WorkflowCollection.Name)]
public sealed class CascadeDeleteOrchestratorTests(WorkflowHostFixture host)
{
    [Fact]
    public async Task CascadeDelete_AgentSucceeds_SnapshotsThenVolumeGoneAndAllQuotaReleased()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 2);
        var first = await host.SnapshotAndWaitAsync(volume);
        var second = await host.SnapshotAndWaitAsync(volume);

        var after = await host.CascadeDeleteAndWaitAsync(volume);

        Assert.Null(after);
        Assert.Null(await host.Snapshots.FindAsync(project, first.Id, CancellationToken.None));
        Assert.Null(await host.Snapshots.FindAsync(project, second.Id, CancellationToken.None));
        var deletes = host.Agents.Received.Where(c => c.VolumeId == volume.Id && c.Operation is AgentOperation.DeleteSnapshot or AgentOperation.DeleteVolume).Select(c => c.Operation).ToList();
        Assert.Equal([AgentOperation.DeleteSnapshot, AgentOperation.DeleteSnapshot, AgentOperation.DeleteVolume], deletes);
        Assert.Equal((QuotaUsage.None, QuotaUsage.None), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
        Assert.Equal(QuotaUsage.None, (await host.Snapshots.GetQuotaUsageAsync(project, CancellationToken.None)).Snapshots);
    }

    [Fact]
    public async Task CascadeDelete_OneSnapshotFails_ItIsErrorDeletingTheOtherGoneAndTheVolumeKeptInErrorDeleting()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1);
        var stuck = await host.SnapshotAndWaitAsync(volume);
        var fine = await host.SnapshotAndWaitAsync(volume);
        host.Agents.Script(backend, command => command.Operation == AgentOperation.DeleteSnapshot && command.SnapshotName == stuck.StorageName
            ? ScriptedAgents.Failure(command, "snapshot busy")
            : ScriptedAgents.Success(command));

        var after = await host.CascadeDeleteAndWaitAsync(volume);

        Assert.Equal(VolumeStatus.ErrorDeleting, after!.Status);
        Assert.Contains(stuck.Id.ToString("D"), after.FailureReason, StringComparison.Ordinal);
        Assert.Contains("snapshot busy", after.FailureReason, StringComparison.Ordinal);
        Assert.Equal(SnapshotStatus.ErrorDeleting, (await host.Snapshots.FindAsync(project, stuck.Id, CancellationToken.None))!.Status);
        Assert.Null(await host.Snapshots.FindAsync(project, fine.Id, CancellationToken.None));
        Assert.DoesNotContain(host.Agents.Received, c => c.VolumeId == volume.Id && c.Operation == AgentOperation.DeleteVolume);
        // The volume and the surviving snapshot still hold their quota; the deleted snapshot's is released.
        Assert.Equal((new QuotaUsage(1, 0), new QuotaUsage(2, 0)), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
        Assert.Equal(new QuotaUsage(1, 0), (await host.Snapshots.GetQuotaUsageAsync(project, CancellationToken.None)).Snapshots);

        host.Agents.Script(backend, ScriptedAgents.Success);
        Assert.Null(await host.CascadeDeleteAndWaitAsync(after));
        Assert.Equal((QuotaUsage.None, QuotaUsage.None), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task CascadeDelete_SnapshotStillCreating_RefusedAndNothingChanges()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1);
        var snapshot = await host.SnapshotAndWaitAsync(volume);
        await host.Snapshots.ChangeAsync(project, snapshot.Id, s => new Storage.RowChange<Snapshot>(s.ForceStatus(SnapshotStatus.Creating, DateTimeOffset.UtcNow)), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => host.CascadeDeleteAndWaitAsync(volume));

        Assert.StartsWith("Invalid volume: Volume status must be available", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"snapshot {snapshot.Id:D} is creating", refused.Message, StringComparison.Ordinal);
        Assert.Equal(VolumeStatus.Available, (await host.Volumes.FindAsync(project, volume.Id, CancellationToken.None))!.Status);
        Assert.Equal(SnapshotStatus.Creating, (await host.Snapshots.FindAsync(project, snapshot.Id, CancellationToken.None))!.Status);
    }
}
