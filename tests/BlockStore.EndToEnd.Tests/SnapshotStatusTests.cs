using System.Net;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>os-update_snapshot_status, as Nova drives it for assisted snapshots: status and progress, with Cinder's rules.</summary>
[Collection(StackCollection.Name)]
public sealed class SnapshotStatusTests(StackFixture fixture)
{
    [Fact]
    public async Task UpdateSnapshotStatus_CreatingToErrorAt80_ShownByOpenStackSnapshotShow()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var snapshotId = await AvailableSnapshotAsync(cinder);
        var reset = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "snapshot", "set", "--state", "creating", snapshotId);
        Assert.True(reset.ExitCode == 0, reset.Output);

        using var updated = await cinder.PostRawAsync($"snapshots/{snapshotId}/action", """{"os-update_snapshot_status": {"status": "error", "progress": "80%"}}""");

        Assert.Equal(HttpStatusCode.Accepted, updated.StatusCode);
        var shown = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "snapshot", "show", snapshotId, "-f", "json");
        Assert.True(shown.ExitCode == 0, shown.Output);
        var snapshot = JsonNode.Parse(shown.Output)!;
        Assert.Equal(("error", "80%"), (snapshot["status"]!.GetValue<string>(), snapshot["os-extended-snapshot-attributes:progress"]!.GetValue<string>()));
    }

    [Fact]
    public async Task UpdateSnapshotStatus_AvailableSnapshot_Is400AndChangesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var snapshotId = await AvailableSnapshotAsync(cinder);

        using var refused = await cinder.PostRawAsync($"snapshots/{snapshotId}/action", """{"os-update_snapshot_status": {"status": "error", "progress": "80%"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var show = await cinder.GetAsync($"snapshots/{snapshotId}");
        var snapshot = (await CinderClient.ReadAsync(show))["snapshot"]!;
        Assert.Equal(("available", "100%"), (snapshot["status"]!.GetValue<string>(), snapshot["os-extended-snapshot-attributes:progress"]!.GetValue<string>()));
    }

    private static async Task<string> AvailableSnapshotAsync(CinderClient cinder)
    {
        var volumeId = await cinder.CreateAcceptedAsync(1, "source");
        Assert.Equal("available", (await cinder.WaitSettledAsync(volumeId))!["status"]!.GetValue<string>());
        using var created = await cinder.PostRawAsync("snapshots", $$$"""{"snapshot": {"volume_id": "{{{volumeId}}}", "name": "s"}}""");
        var snapshotId = (await CinderClient.ReadAsync(created))["snapshot"]!["id"]!.GetValue<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var show = await cinder.GetAsync($"snapshots/{snapshotId}");
            if ((await CinderClient.ReadAsync(show))["snapshot"]!["status"]!.GetValue<string>() != "creating")
            {
                break;
            }

            await Task.Delay(100);
        }

        return snapshotId;
    }
}
