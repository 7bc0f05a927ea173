using System.Net;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Placement across real backends: a volume type's extra specs choose the backend, and a failing backend is retried elsewhere.</summary>
public sealed class MultiBackendTests(MultiBackendFixture fixture) : IClassFixture<MultiBackendFixture>
{
    [Fact]
    public async Task CreateWithType_BackendNameCeph_LandsOnTheRbdBackendAsAnImage()
    {
        var project = CinderClient.NewProjectId();
        var type = $"ceph-{Guid.NewGuid():N}"[..13];
        Assert.Equal(0, (await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "type", "create", "--property", "volume_backend_name=ceph", type)).ExitCode);

        var created = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "create", "--size", "1", "--type", type, "on-ceph", "-f", "json");
        Assert.True(created.ExitCode == 0, created.Output);
        var id = JsonNode.Parse(created.Output)!["id"]!.GetValue<string>();

        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var volume = await cinder.WaitSettledAsync(id);
        Assert.Equal(("available", "multi@ceph#ceph"), (volume!["status"]!.GetValue<string>(), volume["os-vol-host-attr:host"]!.GetValue<string>()));
        var info = JsonNode.Parse(await fixture.Ceph.RbdAsync(["info", $"{fixture.Ceph.Pool}/volume-{id}", "--format", "json"]))!;
        Assert.Equal(1L << 30, info["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task CreateWithType_BackendNameFiles_LandsOnTheFileBackend()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        using var type = await cinder.PostRawAsync("types", $$$$"""{"volume_type": {"name": "{{{{Guid.NewGuid():N}}}}", "extra_specs": {"volume_backend_name": "files"}}}""");
        var typeId = (await CinderClient.ReadAsync(type))["volume_type"]!["id"]!.GetValue<string>();

        using var created = await cinder.PostRawAsync("volumes", $$$"""{"volume": {"size": 1, "volume_type": "{{{typeId}}}"}}""");
        var id = (await CinderClient.ReadAsync(created))["volume"]!["id"]!.GetValue<string>();

        var volume = await cinder.WaitSettledAsync(id);
        Assert.Equal(("available", "multi@files#files"), (volume!["status"]!.GetValue<string>(), volume["os-vol-host-attr:host"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_PreferredBackendFails_SchedulerRetriesOnTheOtherAndSucceeds()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);

        var id = await cinder.CreateAcceptedAsync(1, "retried", availabilityZone: "retry");
        var volume = await cinder.WaitSettledAsync(id);

        // The capacity weigher picks the roomy flaky backend first; its driver fails, and the retry lands on steady.
        Assert.Equal(("available", "pair@steady#steady"), (volume!["status"]!.GetValue<string>(), volume["os-vol-host-attr:host"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SnapshotAndClone_OnCeph_AreRbdSnapshotsAndClones()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        using var type = await cinder.PostRawAsync("types", $$$$"""{"volume_type": {"name": "{{{{Guid.NewGuid():N}}}}", "extra_specs": {"volume_backend_name": "ceph"}}}""");
        var typeId = (await CinderClient.ReadAsync(type))["volume_type"]!["id"]!.GetValue<string>();
        using var created = await cinder.PostRawAsync("volumes", $$$"""{"volume": {"size": 1, "volume_type": "{{{typeId}}}"}}""");
        var source = (await CinderClient.ReadAsync(created))["volume"]!["id"]!.GetValue<string>();
        await cinder.WaitSettledAsync(source);

        using var snapshot = await cinder.PostRawAsync("snapshots", $$$"""{"snapshot": {"volume_id": "{{{source}}}", "name": "s"}}""");
        Assert.Equal(HttpStatusCode.Accepted, snapshot.StatusCode);
        var snapshotId = (await CinderClient.ReadAsync(snapshot))["snapshot"]!["id"]!.GetValue<string>();
        await WaitSnapshotAvailableAsync(cinder, snapshotId);
        using var copy = await cinder.PostRawAsync("volumes", $$$"""{"volume": {"snapshot_id": "{{{snapshotId}}}"}}""");
        var copyId = (await CinderClient.ReadAsync(copy))["volume"]!["id"]!.GetValue<string>();

        var restored = await cinder.WaitSettledAsync(copyId);
        Assert.Equal(("available", "multi@ceph#ceph"), (restored!["status"]!.GetValue<string>(), restored["os-vol-host-attr:host"]!.GetValue<string>()));
        var snaps = JsonNode.Parse(await fixture.Ceph.RbdAsync(["snap", "ls", $"{fixture.Ceph.Pool}/volume-{source}", "--format", "json"]))!.AsArray();
        Assert.Contains(snaps, s => s!["name"]!.GetValue<string>() == $"snapshot-{snapshotId}");
        var info = JsonNode.Parse(await fixture.Ceph.RbdAsync(["info", $"{fixture.Ceph.Pool}/volume-{copyId}", "--format", "json"]))!;
        Assert.Equal($"volume-{source}", info["parent"]!["image"]!.GetValue<string>());
    }

    private static async Task WaitSnapshotAvailableAsync(CinderClient cinder, string snapshotId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var response = await cinder.GetAsync($"snapshots/{snapshotId}");
            var status = (await CinderClient.ReadAsync(response))["snapshot"]!["status"]!.GetValue<string>();
            if (status != "creating")
            {
                Assert.Equal("available", status);
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Snapshot {snapshotId} stayed in creating.");
    }
}
