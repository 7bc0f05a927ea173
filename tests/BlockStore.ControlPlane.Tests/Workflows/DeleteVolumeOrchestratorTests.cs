using BlockStore.Core.Agents;
using BlockStore.Core.Quotas;
using BlockStore.Core.Volumes;
using static BlockStore.ControlPlane.Tests.Workflows.WorkflowHostFixture;

namespace BlockStore.ControlPlane.Tests.Workflows;

[Collection(WorkflowCollection.Name)]
public sealed class DeleteVolumeOrchestratorTests(WorkflowHostFixture host)
{
    [Fact]
    public async Task Delete_AgentSucceeds_RecordGoneAndQuotaReleased()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 4);

        var after = await host.DeleteAndWaitAsync(volume);

        Assert.Null(after);
        Assert.Contains(host.Agents.Received, c => c.VolumeId == volume.Id && c.Operation == AgentOperation.DeleteVolume && c.BackendHost == backend);
        Assert.Equal((QuotaUsage.None, QuotaUsage.None), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_DriverFails_ErrorDeletingWithReasonAndQuotaStillHeld()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 2);
        host.Agents.Script(backend, command => command.Operation == AgentOperation.DeleteVolume
            ? ScriptedAgents.Failure(command, "device busy")
            : ScriptedAgents.Success(command));

        var after = await host.DeleteAndWaitAsync(volume);

        Assert.Equal(VolumeStatus.ErrorDeleting, after!.Status);
        Assert.Equal("device busy", after.FailureReason);
        Assert.Equal((new QuotaUsage(1, 0), new QuotaUsage(2, 0)), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_AfterErrorDeleting_RetrySucceeds()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);
        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1);
        host.Agents.Script(backend, _ => null);
        var stuck = await host.DeleteAndWaitAsync(volume, agentTimeout: TimeSpan.FromSeconds(1));
        Assert.Equal(VolumeStatus.ErrorDeleting, stuck!.Status);
        host.Agents.Script(backend, ScriptedAgents.Success);

        var after = await host.DeleteAndWaitAsync(stuck);

        Assert.Null(after);
        Assert.Equal((QuotaUsage.None, QuotaUsage.None), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task Delete_VolumeThatNeverGotPlaced_RemovedWithoutAskingAnyAgent()
    {
        var project = NewProjectId();
        var volume = await host.CreateAndWaitAsync(project, NewZone(), sizeGib: 1);
        Assert.Null(volume.Host);

        var after = await host.DeleteAndWaitAsync(volume);

        Assert.Null(after);
        Assert.DoesNotContain(host.Agents.Received, c => c.VolumeId == volume.Id);
        Assert.Equal((QuotaUsage.None, QuotaUsage.None), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }
}
