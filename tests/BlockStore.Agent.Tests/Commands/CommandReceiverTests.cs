using System.Text.Json;
using Azure.Storage.Queues;
using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;
using Microsoft.Extensions.Hosting;

namespace BlockStore.Agent.Tests.Commands;

/// <summary>The agent in-process against a real Azurite queue and a real HTTP endpoint for its replies.</summary>
public sealed class CommandReceiverTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    // Short, so a message that was wrongly kept shows up again within the test.
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(1);

    private readonly string _hostName = $"node-{Guid.NewGuid():N}"[..13];
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("blockstore-agent-");
    private FakeControlPlane? _controlPlane;
    private IHost? _agent;

    private string BackendHost => $"{_hostName}@file";

    private FakeControlPlane ControlPlane => _controlPlane!;

    private QueueClient Queue => new(azurite.ConnectionString, AgentQueues.ForBackendHost(BackendHost));

    public async Task InitializeAsync()
    {
        _controlPlane = await FakeControlPlane.StartAsync();
        await Queue.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.StopAsync();
            _agent.Dispose();
        }

        if (_controlPlane is not null)
        {
            await _controlPlane.DisposeAsync();
        }

        _dataDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task Receive_VolumesPathIsPlainFile_RepliesFailureWithReasonAndStillReportsCapacity()
    {
        await File.WriteAllTextAsync(Path.Combine(_dataDirectory.FullName, "volumes"), "in the way");
        await StartAgentAsync();
        var command = CreateCommand(sizeGib: 1);

        await SendAsync(command);
        await Eventually.HoldsAsync(() => !ControlPlane.Replies.IsEmpty, "the agent replies");
        await Eventually.HoldsAsync(() => ControlPlane.CapacityReports.Count >= 2, "capacity reports keep arriving");

        var reply = Assert.Single(ControlPlane.Replies);
        Assert.False(reply.Succeeded);
        Assert.Null(reply.ProviderLocation);
        Assert.StartsWith($"The file driver could not create {command.VolumeName}: ", reply.Error, StringComparison.Ordinal);
        var report = ControlPlane.CapacityReports.Last();
        Assert.Equal(BackendHost, report.BackendHost);
        var pool = Assert.Single(report.Pools);
        Assert.Equal(("file", "nova", 0.0, 100.0, 100.0), (pool.PoolName, pool.AvailabilityZone, pool.AllocatedCapacityGib, pool.TotalCapacityGib, pool.FreeCapacityGib));
    }

    private async Task StartAgentAsync()
    {
        _agent = AgentHost.CreateBuilder(
        [
            $"--Agent:ControlPlaneUrl={ControlPlane.Url}",
            $"--Agent:StorageConnectionString={azurite.ConnectionString}",
            $"--Agent:HostName={_hostName}",
            $"--Agent:VisibilityTimeout={VisibilityTimeout}",
            "--Agent:ReportInterval=00:00:00.200",
            "--Agent:Backends:0:Name=file",
            "--Agent:Backends:0:Driver=file",
            $"--Agent:Backends:0:DataDirectory={_dataDirectory.FullName}",
            "--Agent:Backends:0:CapacityGib=100",
        ]).Build();
        await _agent.StartAsync();
    }

    private AgentCommand CreateCommand(int sizeGib)
    {
        var volumeId = Guid.NewGuid();
        return new AgentCommand
        {
            CommandId = $"{volumeId}:create:1",
            InstanceId = $"{volumeId}:create",
            Operation = AgentOperation.CreateVolume,
            BackendHost = BackendHost,
            Pool = "file",
            VolumeId = volumeId,
            VolumeName = StorageNames.ForVolume(volumeId),
            SizeGib = sizeGib,
            IssuedAt = DateTimeOffset.UtcNow,
        };
    }

    // Plain JSON text, as the control plane sends it.
    private async Task SendAsync(AgentCommand command) => await Queue.SendMessageAsync(JsonSerializer.Serialize(command, AgentProtocol.JsonOptions));

    private async Task<int> MessagesInQueueAsync() => (await Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
