using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Volumes;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Agents;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Volumes;
using BlockStore.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlockStore.ControlPlane.Tests.Workflows;

/// <summary>
/// The real orchestrators and activities on the Durable Task in-process test host, with their Table stores on a
/// private Azurite. Tests isolate themselves by project id and availability zone.
/// </summary>
public sealed class WorkflowHostFixture : IAsyncLifetime
{
    private Azurite? _azurite;
    private DurableTaskTestHost? _host;

    public ScriptedAgents Agents { get; } = new();

    public DurableTaskClient Client => _host!.Client;

    public VolumeStore Volumes => _host!.Services.GetRequiredService<VolumeStore>();

    public PoolStore Pools => _host!.Services.GetRequiredService<PoolStore>();

    public SnapshotStore Snapshots => _host!.Services.GetRequiredService<SnapshotStore>();

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BlockStore:StorageConnectionString"] = _azurite.ConnectionString,
        }).Build();

        _host = await DurableTaskTestHost.StartAsync(
            registry =>
            {
                foreach (var (name, type) in WorkflowCatalog.Orchestrators)
                {
                    registry.AddOrchestrator(name, type);
                }

                foreach (var (name, type) in WorkflowCatalog.Activities)
                {
                    registry.AddActivity(name, type);
                }
            },
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddBlockStoreControlPlane(configuration);
                    services.AddSingleton<ICommandTransport>(Agents);
                },
            });
        Agents.Client = _host.Client;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    /// <summary>A backend that reports one pool in its own zone, so a test's volumes land only there.</summary>
    public async Task<string> AddBackendAsync(string zone, double freeGib = 100, string backendName = "file")
    {
        var backendHost = $"node-{zone}@{backendName}";
        await Pools.RecordAsync(new CapacityReport
        {
            BackendHost = backendHost,
            Pools = [new PoolCapacity { PoolName = "file", AvailabilityZone = zone, TotalCapacityGib = freeGib, FreeCapacityGib = freeGib }],
        }, CancellationToken.None);
        return backendHost;
    }

    /// <summary>Does what the API does for a create (reserve, store, start) and waits for the saga to end.</summary>
    public async Task<Volume> CreateAndWaitAsync(string projectId, string zone, int sizeGib, TimeSpan? agentTimeout = null, IReadOnlyDictionary<string, string>? extraSpecs = null)
    {
        var volume = NewVolume(projectId, zone, sizeGib);
        await Volumes.CreateAsync(volume, new(), CancellationToken.None);
        var instanceId = WorkflowNames.CreateInstanceId(volume.Id);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.CreateVolume,
            new CreateVolumeInput(projectId, volume.Id, sizeGib, zone, agentTimeout ?? TimeSpan.FromSeconds(30)) { ExtraSpecs = extraSpecs ?? new Dictionary<string, string>() },
            new StartOrchestrationOptions(instanceId));
        await WaitAsync(instanceId);
        return (await Volumes.FindAsync(projectId, volume.Id, CancellationToken.None))!;
    }

    /// <summary>Does what the API does for a delete and waits; null when the volume is gone.</summary>
    public async Task<Volume?> DeleteAndWaitAsync(Volume volume, TimeSpan? agentTimeout = null)
    {
        var deleting = await Volumes.ChangeAsync(volume.ProjectId, volume.Id,
            current => new VolumeChange(current.TransitionTo(VolumeStatus.Deleting, DateTimeOffset.UtcNow)), CancellationToken.None);
        var instanceId = WorkflowNames.DeleteInstanceId(volume.Id);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.DeleteVolume,
            new DeleteVolumeInput(volume.ProjectId, volume.Id, deleting!.Host, agentTimeout ?? TimeSpan.FromSeconds(30)),
            new StartOrchestrationOptions(instanceId));
        await WaitAsync(instanceId);
        return await Volumes.FindAsync(volume.ProjectId, volume.Id, CancellationToken.None);
    }

    /// <summary>Does what the API does for <c>DELETE …?cascade=true</c> (<see cref="VolumeDeletion"/>) and waits; null when the volume is gone.</summary>
    public async Task<Volume?> CascadeDeleteAndWaitAsync(Volume volume)
    {
        var (deleting, snapshots) = await _host!.Services.GetRequiredService<VolumeDeletion>().BeginAsync(volume.ProjectId, volume.Id, cascade: true, force: false, memberOf: null, CancellationToken.None);
        var instanceId = WorkflowNames.DeleteInstanceId(volume.Id);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.DeleteVolume,
            new DeleteVolumeInput(volume.ProjectId, volume.Id, deleting.Host, TimeSpan.FromSeconds(30))
            {
                Snapshots = [.. snapshots.Select(s => new SnapshotOperationInput(s.ProjectId, s.Id, s.VolumeId, s.Host, TimeSpan.FromSeconds(30)))],
            },
            new StartOrchestrationOptions(instanceId));
        await WaitAsync(instanceId);
        return await Volumes.FindAsync(volume.ProjectId, volume.Id, CancellationToken.None);
    }

    /// <summary>Does what the API does for a snapshot create and waits for the saga to end.</summary>
    public async Task<Snapshot> SnapshotAndWaitAsync(Volume volume, TimeSpan? agentTimeout = null)
    {
        var snapshot = new Snapshot
        {
            Id = Guid.NewGuid(),
            ProjectId = volume.ProjectId,
            UserId = "user1",
            VolumeId = volume.Id,
            SizeGib = volume.SizeGib,
            Status = SnapshotStatus.Creating,
            Host = volume.Host,
            QuotaHold = QuotaHold.Reserved,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await Snapshots.CreateAsync(snapshot, new(), _ => { }, CancellationToken.None);
        var instanceId = WorkflowNames.CreateSnapshotInstanceId(snapshot.Id);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.CreateSnapshot,
            new SnapshotOperationInput(volume.ProjectId, snapshot.Id, volume.Id, volume.Host, agentTimeout ?? TimeSpan.FromSeconds(30)),
            new StartOrchestrationOptions(instanceId));
        await WaitAsync(instanceId);
        return (await Snapshots.FindAsync(volume.ProjectId, snapshot.Id, CancellationToken.None))!;
    }

    /// <summary>Does what the API does for a snapshot delete and waits; null when the snapshot is gone.</summary>
    public async Task<Snapshot?> DeleteSnapshotAndWaitAsync(Snapshot snapshot)
    {
        var deleting = await Snapshots.ChangeAsync(snapshot.ProjectId, snapshot.Id,
            current => new RowChange<Snapshot>(current.TransitionTo(SnapshotStatus.Deleting, DateTimeOffset.UtcNow)), CancellationToken.None);
        var instanceId = WorkflowNames.DeleteSnapshotInstanceId(snapshot.Id);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.DeleteSnapshot,
            new SnapshotOperationInput(snapshot.ProjectId, snapshot.Id, snapshot.VolumeId, deleting!.Host, TimeSpan.FromSeconds(30)),
            new StartOrchestrationOptions(instanceId));
        await WaitAsync(instanceId);
        return await Snapshots.FindAsync(snapshot.ProjectId, snapshot.Id, CancellationToken.None);
    }

    /// <summary>Does what os-extend does (reserve the extra gigabytes, move to extending, start) and waits.</summary>
    public async Task<Volume> ExtendAndWaitAsync(Volume volume, int newSizeGib)
    {
        await Volumes.ChangeAsync(volume.ProjectId, volume.Id, current => new VolumeChange(current.TransitionTo(VolumeStatus.Extending, DateTimeOffset.UtcNow))
        {
            Gigabytes = usage => usage.Reserve(newSizeGib - current.SizeGib),
        }, CancellationToken.None);
        var instanceId = WorkflowNames.ExtendInstanceId(volume.Id);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.ExtendVolume,
            new ExtendVolumeInput(volume.ProjectId, volume.Id, volume.Host, volume.SizeGib, newSizeGib, TimeSpan.FromSeconds(30)),
            new StartOrchestrationOptions(instanceId));
        await WaitAsync(instanceId);
        return (await Volumes.FindAsync(volume.ProjectId, volume.Id, CancellationToken.None))!;
    }

    /// <summary>Does what the API does for a create from a snapshot (no scheduling: the snapshot's backend) and waits.</summary>
    public async Task<Volume> CreateFromSnapshotAndWaitAsync(Snapshot snapshot, Volume parent, int sizeGib)
    {
        var volume = NewVolume(snapshot.ProjectId, parent.AvailabilityZone, sizeGib) with { SnapshotId = snapshot.Id };
        await Volumes.CreateAsync(volume, new(), CancellationToken.None);
        var instanceId = WorkflowNames.CreateInstanceId(volume.Id);
        await Client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.CreateVolume,
            new CreateVolumeInput(volume.ProjectId, volume.Id, sizeGib, volume.AvailabilityZone, TimeSpan.FromSeconds(30))
            {
                Source = new CreateVolumeSource(snapshot.Host, parent.StorageName, snapshot.StorageName),
            },
            new StartOrchestrationOptions(instanceId));
        await WaitAsync(instanceId);
        return (await Volumes.FindAsync(volume.ProjectId, volume.Id, CancellationToken.None))!;
    }

    public static string NewProjectId() => Guid.NewGuid().ToString("N");

    public static string NewZone() => $"az-{Guid.NewGuid():N}"[..12];

    public static Volume NewVolume(string projectId, string zone, int sizeGib) => new()
    {
        Id = Guid.NewGuid(),
        ProjectId = projectId,
        UserId = "user1",
        Name = "v1",
        SizeGib = sizeGib,
        Status = VolumeStatus.Creating,
        AvailabilityZone = zone,
        QuotaHold = QuotaHold.Reserved,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private async Task WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var state = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        if (state.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{instanceId} ended {state.RuntimeStatus}: {state.FailureDetails?.ErrorMessage}");
        }
    }
}
