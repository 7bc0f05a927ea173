using BlockStore.Core.Agents;
using BlockStore.Core.Quotas;
using BlockStore.Core.Volumes;
using static BlockStore.ControlPlane.Tests.Workflows.WorkflowHostFixture;

namespace BlockStore.ControlPlane.Tests.Workflows;

[Collection(WorkflowCollection.Name)]
public sealed class ExtendAndCopyOrchestratorTests(WorkflowHostFixture host)
{
    [Fact]
    public async Task Extend_AgentSucceeds_NewSizeAndExtraGigabytesCommitted()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 2);

        var extended = await host.ExtendAndWaitAsync(volume, newSizeGib: 5);

        Assert.Equal((VolumeStatus.Available, 5), (extended.Status, extended.SizeGib));
        Assert.Contains(host.Agents.Received, c => c.Operation == AgentOperation.ExtendVolume && c.VolumeId == volume.Id && c.SizeGib == 5);
        Assert.Equal((new QuotaUsage(1, 0), new QuotaUsage(5, 0)), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task Extend_DriverFails_ErrorExtendingAtTheOldSizeAndReservationReleased()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 2);
        host.Agents.Script(backend, command => command.Operation == AgentOperation.ExtendVolume
            ? ScriptedAgents.Failure(command, "pool full")
            : ScriptedAgents.Success(command));

        var extended = await host.ExtendAndWaitAsync(volume, newSizeGib: 5);

        Assert.Equal((VolumeStatus.ErrorExtending, 2, "pool full"), (extended.Status, extended.SizeGib, extended.FailureReason));
        Assert.Equal((new QuotaUsage(1, 0), new QuotaUsage(2, 0)), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task CreateFromSnapshot_GoesToTheSnapshotsBackendWithItsNames()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        var other = await host.AddBackendAsync(zone, freeGib: 10_000, backendName: "roomier");
        host.Agents.Script(backend, ScriptedAgents.Success);
        host.Agents.Script(other, ScriptedAgents.Success);
        var parent = await host.CreateAndWaitAsync(project, zone, sizeGib: 1, extraSpecs: new Dictionary<string, string> { ["volume_backend_name"] = "file" });
        var snapshot = await host.SnapshotAndWaitAsync(parent);

        var copy = await host.CreateFromSnapshotAndWaitAsync(snapshot, parent, sizeGib: 3);

        Assert.Equal((VolumeStatus.Available, parent.Host), (copy.Status, copy.Host));
        var command = Assert.Single(host.Agents.Received, c => c.VolumeId == copy.Id);
        Assert.Equal((AgentOperation.CreateVolumeFromSnapshot, parent.StorageName, snapshot.StorageName, 3),
            (command.Operation, command.SourceVolumeName, command.SnapshotName, command.SizeGib));
    }
}
