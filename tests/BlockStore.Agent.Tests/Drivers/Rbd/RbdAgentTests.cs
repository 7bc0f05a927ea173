using System.Text.Json.Nodes;
using BlockStore.Agent.Backends;
using BlockStore.Agent.Commands;
using BlockStore.Core.Agents;
using BlockStore.Core.Volumes;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlockStore.Agent.Tests.Drivers.Rbd;

/// <summary>An rbd backend as the agent builds it from configuration, running the control plane's commands against real Ceph.</summary>
[Collection(CephCollection.Name)]
public sealed class RbdAgentTests(CephFixture ceph) : IDisposable
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("blockstore-rbd-agent-");

    public void Dispose() => _dataDirectory.Delete(recursive: true);

    [Fact]
    public async Task HandleAsync_CreateCloneAndConnectOnRbdBackend_CreatesImagesAndRepliesLikeCinder()
    {
        var backend = AgentBackend.Create("node1", new BackendOptions
        {
            Name = "ceph",
            Driver = "RBD",
            DataDirectory = _dataDirectory.FullName,
            Rbd = new() { Pool = ceph.Cluster.Pool, CephConf = ceph.Cluster.ConfPath, User = ceph.Cluster.User, Keyring = ceph.Cluster.KeyringPath },
        });
        var handler = new CommandHandler(NullLogger<CommandHandler>.Instance);
        var (source, clone) = (Guid.NewGuid(), Guid.NewGuid());

        var created = await handler.HandleAsync(backend, Command(AgentOperation.CreateVolume, source, sizeGib: 1), CancellationToken.None);
        var cloned = await handler.HandleAsync(backend, Command(AgentOperation.CloneVolume, clone, sizeGib: 2) with { SourceVolumeName = StorageNames.ForVolume(source) }, CancellationToken.None);
        var connected = await handler.HandleAsync(backend, Command(AgentOperation.InitializeConnection, clone) with { Connector = new VolumeConnector { Host = "compute-1" } }, CancellationToken.None);
        var refused = await handler.HandleAsync(backend, Command(AgentOperation.CreateVolume, source, sizeGib: 5) with { CommandId = "other" }, CancellationToken.None);

        Assert.Equal((true, $"rbd/{StorageNames.ForVolume(source)}"), (created.Succeeded, created.ProviderLocation));
        Assert.Equal((true, $"rbd/{StorageNames.ForVolume(clone)}"), (cloned.Succeeded, cloned.ProviderLocation));
        Assert.True(connected.Succeeded, connected.Error);
        Assert.Equal("rbd", connected.ConnectionInfo!.DriverVolumeType);
        Assert.Equal($"rbd/{StorageNames.ForVolume(clone)}", connected.ConnectionInfo.Data["name"]!.GetValue<string>());
        Assert.Equal(clone.ToString(), connected.ConnectionInfo.Data["volume_id"]!.GetValue<string>());
        Assert.False(refused.Succeeded);
        Assert.Equal($"The rbd driver could not create {StorageNames.ForVolume(source)}: it already exists with 1 GiB, not 5 GiB.", refused.Error);
        var info = JsonNode.Parse(await ceph.Cluster.RbdAsync(["info", "--format", "json", $"rbd/{StorageNames.ForVolume(clone)}"]))!;
        Assert.Equal(2L << 30, info["size"]!.GetValue<long>());
    }

    private static AgentCommand Command(AgentOperation operation, Guid volumeId, int sizeGib = 0) => new()
    {
        CommandId = $"{volumeId}:{operation}",
        InstanceId = $"{volumeId}:{operation}",
        Operation = operation,
        BackendHost = "node1@ceph",
        Pool = "ceph",
        VolumeId = volumeId,
        VolumeName = StorageNames.ForVolume(volumeId),
        SizeGib = sizeGib,
        IssuedAt = DateTimeOffset.UtcNow,
    };
}
