using BlockStore.Core.Agents;
using BlockStore.Core.Quotas;
using BlockStore.Core.Volumes;
using static BlockStore.ControlPlane.Tests.Workflows.WorkflowHostFixture;

namespace BlockStore.ControlPlane.Tests.Workflows;

[Collection(WorkflowCollection.Name)]
public sealed class CreateVolumeOrchestratorTests(WorkflowHostFixture host)
{
    [Fact]
    public async Task Create_AgentSucceeds_VolumeAvailableOnItsPoolWithQuotaCommitted()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 3);

        Assert.Equal(VolumeStatus.Available, volume.Status);
        Assert.Equal($"{backend}#file", volume.Host);
        Assert.Equal($"/data/{volume.StorageName}", volume.ProviderLocation);
        Assert.Equal(QuotaHold.Committed, volume.QuotaHold);
        Assert.Equal((new QuotaUsage(1, 0), new QuotaUsage(3, 0)), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task Create_CommandSentToAgent_NamesTheVolumeAndTheChosenPool()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, ScriptedAgents.Success);

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 2);

        var command = Assert.Single(host.Agents.Received, c => c.VolumeId == volume.Id);
        Assert.Equal((AgentOperation.CreateVolume, backend, "file", volume.StorageName, 2), (command.Operation, command.BackendHost, command.Pool, command.VolumeName, command.SizeGib));
    }

    [Fact]
    public async Task Create_DriverFails_ErrorWithTheDriversReasonAndQuotaReleased()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, command => ScriptedAgents.Failure(command, "The file driver could not create the file: disk full."));

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 5);

        Assert.Equal(VolumeStatus.Error, volume.Status);
        Assert.StartsWith("No valid backend was found. Exceeded max scheduling attempts", volume.FailureReason, StringComparison.Ordinal);
        Assert.Contains("The file driver could not create the file: disk full.", volume.FailureReason, StringComparison.Ordinal);
        Assert.Equal(QuotaHold.Released, volume.QuotaHold);
        Assert.Equal($"{backend}#file", volume.Host);
        Assert.Equal((QuotaUsage.None, QuotaUsage.None), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task Create_AgentNeverAnswers_ErrorAfterTheTimeoutAndQuotaReleased()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, _ => null);

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1, agentTimeout: TimeSpan.FromSeconds(2));

        Assert.Equal(VolumeStatus.Error, volume.Status);
        Assert.Contains("did not answer within 2 seconds", volume.FailureReason, StringComparison.Ordinal);
        Assert.Equal((QuotaUsage.None, QuotaUsage.None), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task Create_ReplyToAnotherCommandFirst_IsIgnoredAndTheRealReplyCounts()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var backend = await host.AddBackendAsync(zone);
        host.Agents.Script(backend, command =>
        {
            // A late failure for an earlier command of the same instance must not decide this one.
            host.Client.RaiseEventAsync(command.InstanceId, "AgentReply",
                ScriptedAgents.Failure(command, "stale") with { CommandId = "an-earlier-command" }).GetAwaiter().GetResult();
            return ScriptedAgents.Success(command);
        });

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1);

        Assert.Equal(VolumeStatus.Available, volume.Status);
    }

    [Fact]
    public async Task Create_NoPoolInTheZone_ErrorNoValidBackendAndQuotaReleased()
    {
        var project = NewProjectId();

        var volume = await host.CreateAndWaitAsync(project, NewZone(), sizeGib: 1);

        Assert.Equal(VolumeStatus.Error, volume.Status);
        Assert.StartsWith("No valid backend was found.", volume.FailureReason, StringComparison.Ordinal);
        Assert.Null(volume.Host);
        Assert.Equal((QuotaUsage.None, QuotaUsage.None), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task Create_PoolTooSmall_ErrorNamesTheCapacityFilter()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        await host.AddBackendAsync(zone, freeGib: 2);

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 3);

        Assert.Equal(VolumeStatus.Error, volume.Status);
        Assert.Contains("CapacityFilter", volume.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_TransportDown_ErrorSaysTheCommandCouldNotBeSentAndQuotaReleased()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        await host.AddBackendAsync(zone); // no script: its queue is unreachable

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1);

        Assert.Equal(VolumeStatus.Error, volume.Status);
        Assert.Contains("The command could not be sent to backend", volume.FailureReason, StringComparison.Ordinal);
        Assert.Equal((QuotaUsage.None, QuotaUsage.None), await host.Volumes.GetQuotaUsageAsync(project, CancellationToken.None));
    }

    [Fact]
    public async Task Create_DriverFailsOnOneBackend_ReschedulesOnAnotherAndSucceeds()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var broken = await host.AddBackendAsync(zone, freeGib: 1000, backendName: "broken");
        var healthy = await host.AddBackendAsync(zone, freeGib: 10, backendName: "healthy");
        host.Agents.Script(broken, command => ScriptedAgents.Failure(command, "disk on fire"));
        host.Agents.Script(healthy, ScriptedAgents.Success);

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1);

        Assert.Equal(VolumeStatus.Available, volume.Status);
        Assert.Equal($"{healthy}#file", volume.Host);
        // The weigher prefers the roomier broken backend first: the healthy one is a reschedule.
        Assert.Contains(host.Agents.Received, c => c.VolumeId == volume.Id && c.BackendHost == broken);
    }

    [Fact]
    public async Task Create_TypeNamesABackend_LandsOnlyThere()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        var big = await host.AddBackendAsync(zone, freeGib: 1000, backendName: "big");
        var chosen = await host.AddBackendAsync(zone, freeGib: 10, backendName: "chosen");
        host.Agents.Script(big, ScriptedAgents.Success);
        host.Agents.Script(chosen, ScriptedAgents.Success);

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1, extraSpecs: new Dictionary<string, string> { ["volume_backend_name"] = "chosen" });

        Assert.Equal($"{chosen}#file", volume.Host);
    }

    [Fact]
    public async Task Create_TypeNamesNoReportedBackend_ErrorSaysWhichFilterRejected()
    {
        var (project, zone) = (NewProjectId(), NewZone());
        await host.AddBackendAsync(zone);

        var volume = await host.CreateAndWaitAsync(project, zone, sizeGib: 1, extraSpecs: new Dictionary<string, string> { ["volume_backend_name"] = "nowhere" });

        Assert.Equal(VolumeStatus.Error, volume.Status);
        Assert.Contains("BackendNameFilter", volume.FailureReason, StringComparison.Ordinal);
    }
}
