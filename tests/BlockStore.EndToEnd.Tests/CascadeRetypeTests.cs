using System.Net;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Cascade delete, retype and per-type quotas through the real clients, as an operator uses them.</summary>
[Collection(StackCollection.Name)]
public sealed class CascadeRetypeTests(StackFixture fixture)
{
    [Fact]
    public async Task CinderDeleteCascade_VolumeWithTwoSnapshots_VolumeAndSnapshotsGone()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var volume = await cinder.CreateAcceptedAsync(1, "parent");
        await cinder.WaitSettledAsync(volume);
        var snapshots = new[] { await SnapshotAsync(cinder, volume), await SnapshotAsync(cinder, volume) };

        var deleted = await CinderAsync(project, "delete", "--cascade", volume);

        Assert.True(deleted.ExitCode == 0, deleted.Output);
        Assert.Contains($"Request to delete volume {volume} has been accepted.", deleted.Output, StringComparison.Ordinal);
        Assert.Null(await cinder.WaitSettledAsync(volume));
        using var list = await cinder.GetAsync("snapshots");
        Assert.Empty((await CinderClient.ReadAsync(list))["snapshots"]!.AsArray());
        Assert.False(File.Exists(Path.Combine(fixture.HealthyDataDirectory, "volumes", $"volume-{volume}")));
        var usage = await CinderAsync(project, "quota-usage", project);
        Assert.Matches(@"\|\s*snapshots\s*\|\s*0\s*\|\s*0\s*\|", usage.Output);
        Assert.Matches(@"\|\s*gigabytes\s*\|\s*0\s*\|\s*0\s*\|", usage.Output);
    }

    [Fact]
    public async Task OpenStackVolumeDeletePurge_VolumeWithASnapshot_BothGone()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var volume = await cinder.CreateAcceptedAsync(1, "purged");
        await cinder.WaitSettledAsync(volume);
        var snapshot = await SnapshotAsync(cinder, volume);

        var plain = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "delete", volume);
        var purged = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "delete", "--purge", volume);

        Assert.NotEqual(0, plain.ExitCode);
        Assert.Contains("dependent snapshots", plain.Output, StringComparison.Ordinal);
        Assert.True(purged.ExitCode == 0, purged.Output);
        Assert.Null(await cinder.WaitSettledAsync(volume));
        using var gone = await cinder.GetAsync($"snapshots/{snapshot}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task DeleteCascade_SnapshotInAnotherState_Is400AndNothingChanges()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var volume = await cinder.CreateAcceptedAsync(1, "kept");
        await cinder.WaitSettledAsync(volume);
        var snapshot = await SnapshotAsync(cinder, volume);
        using var reset = await cinder.PostRawAsync($"snapshots/{snapshot}/action", """{"os-reset_status": {"status": "creating"}}""");
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);

        using var refused = await cinder.DeleteAsync($"volumes/{volume}?cascade=True");
        using var malformed = await cinder.DeleteAsync($"volumes/{volume}?cascade=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("Invalid volume: Volume status must be available", (await CinderClient.ReadAsync(refused))["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("available", (await cinder.WaitSettledAsync(volume))!["status"]!.GetValue<string>());
        Assert.Equal("creating", await SnapshotStatusAsync(cinder, snapshot));
    }

    private static async Task<string> SnapshotAsync(CinderClient cinder, string volumeId)
    {
        using var created = await cinder.PostRawAsync("snapshots", $$$"""{"snapshot": {"volume_id": "{{{volumeId}}}", "name": "s"}}""");
        var id = (await CinderClient.ReadAsync(created))["snapshot"]!["id"]!.GetValue<string>();
        for (var attempt = 0; attempt < 600 && await SnapshotStatusAsync(cinder, id) == "creating"; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Equal("available", await SnapshotStatusAsync(cinder, id));
        return id;
    }

    private static async Task<string?> SnapshotStatusAsync(CinderClient cinder, string snapshotId)
    {
        using var response = await cinder.GetAsync($"snapshots/{snapshotId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await CinderClient.ReadAsync(response))["snapshot"]!["status"]!.GetValue<string>();
    }

    private Task<(int ExitCode, string Output)> CinderAsync(string project, params string[] arguments) =>
        Cli.CinderAsync(fixture.Stack.ApiUrl, project, arguments);
}
