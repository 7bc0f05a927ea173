using BlockStore.Core.Agents;
using BlockStore.Core.Quotas;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Volumes;
using static BlockStore.ControlPlane.Tests.Workflows.WorkflowHostFixture;

namespace BlockStore.ControlPlane.Tests.Workflows;

[Collection(WorkflowCollection.Name)]
public sealed class SnapshotOrchestratorTests(WorkflowHostFixture host)
{
    [Fact]
    public async Task CreateSnapshot_AgentSucceeds_AvailableOnTheVolumesBackendAndQuotaCommitted()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 3);

        var snapshot = await host.SnapshotAndWaitAsync(volume);

        Assert.Equal(SnapshotStatus.Available, snapshot.Status);
        var command = Assert.Single(host.Agents.Received, c => c.Operation == AgentOperation.CreateSnapshot && c.VolumeId == volume.Id);
        Assert.Equal((backend, volume.StorageName, snapshot.StorageName), (command.BackendHost, command.VolumeName, command.SnapshotName));
        Assert.Equal((new QuotaUsage(1, 0), new QuotaUsage(6, 0)), await host.Snapshots.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task CreateSnapshot_DriverFails_ErrorWithReasonAndQuotaReleased()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 2);
        host.Agents.Script(backend, command => command.Operation == AgentOperation.CreateSnapshot
            ? ScriptedAgents.Failure(command, "snapshots are not supported here")
            : ScriptedAgents.Success(command));

        var snapshot = await host.SnapshotAndWaitAsync(volume);

        Assert.Equal(SnapshotStatus.Error, snapshot.Status);
        Assert.Equal("snapshots are not supported here", snapshot.FailureReason);
        Assert.Equal((QuotaUsage.None, new QuotaUsage(2, 0)), await host.Snapshots.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteSnapshot_AgentSucceeds_RecordGoneAndQuotaReleased()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1);
        var snapshot = await host.SnapshotAndWaitAsync(volume);

        var after = await host.DeleteSnapshotAndWaitAsync(snapshot);

        Assert.Null(after);
        Assert.Contains(host.Agents.Received, c => c.Operation == AgentOperation.DeleteSnapshot && c.SnapshotName == snapshot.StorageName);
        Assert.Equal((QuotaUsage.None, new QuotaUsage(1, 0)), await host.Snapshots.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task CreateSnapshot_VolumeBeingDeleted_IsRefusedAndNothingIsReserved()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1);
        await host.Volumes.ChangeAsync(project, volume.Id, v => new Volumes.VolumeChange(v.TransitionTo(VolumeStatus.Deleting, DateTimeOffset.UtcNow)), CancellationToken.None);
        var snapshot = new Snapshot
        {
            Id = Guid.NewGuid(), ProjectId = project, UserId = "u", VolumeId = volume.Id, SizeGib = 1,
            Status = SnapshotStatus.Creating, QuotaHold = QuotaHold.Reserved, CreatedAt = DateTimeOffset.UtcNow,
        };

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Snapshots.CreateAsync(snapshot, new(), v =>
        {
            if (v!.Status != VolumeStatus.Available)
            {
                throw new InvalidOperationException("volume not available");
            }
        }, CancellationToken.None));

        Assert.Null(await host.Snapshots.FindAsync(project, snapshot.Id, CancellationToken.None));
        Assert.Equal((QuotaUsage.None, new QuotaUsage(1, 0)), await host.Snapshots.GetQuotaUsageAsync(project, CancellationToken.None));
    }
}
