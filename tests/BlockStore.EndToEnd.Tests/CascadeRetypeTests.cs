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

    [Fact]
    public async Task CinderRetype_ToATypeItsBackendMeets_VolumeShowsTheNewTypeOnTheSameHost()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var (from, to) = (await CreateTypeAsync(cinder), await CreateTypeAsync(cinder));
        var volume = await CreateVolumeOfTypeAsync(cinder, from);
        var before = await cinder.WaitSettledAsync(volume);

        var retyped = await CinderAsync(project, "retype", volume, to);
        var shown = await CinderAsync(project, "show", volume);

        Assert.True(retyped.ExitCode == 0, retyped.Output);
        Assert.Matches($@"\|\s*volume_type\s*\|\s*{to}\s*\|", shown.Output);
        Assert.Matches(@"\|\s*status\s*\|\s*available\s*\|", shown.Output);
        var after = await cinder.WaitSettledAsync(volume);
        Assert.Equal(before!["os-vol-host-attr:host"]!.GetValue<string>(), after!["os-vol-host-attr:host"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenStackVolumeSetType_RetypePolicyNever_ChangesTheType()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var (from, to) = (await CreateTypeAsync(cinder), await CreateTypeAsync(cinder));
        var volume = await CreateVolumeOfTypeAsync(cinder, from);
        await cinder.WaitSettledAsync(volume);

        var set = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "set", "--type", to, "--retype-policy", "never", volume);
        var shown = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "volume", "show", "-f", "value", "-c", "type", volume);

        Assert.True(set.ExitCode == 0, set.Output);
        Assert.Equal(to, shown.Output.Trim());
    }

    [Fact]
    public async Task Retype_BackendDoesNotMeetTheType_Is400NamingTheFilterAndTheTypeStays()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var from = await CreateTypeAsync(cinder);
        var elsewhere = await CreateTypeAsync(cinder, """{"volume_backend_name": "nowhere"}""");
        var volume = await CreateVolumeOfTypeAsync(cinder, from);
        await cinder.WaitSettledAsync(volume);

        var refused = await CinderAsync(project, "retype", volume, elsewhere);
        using var same = await cinder.PostRawAsync($"volumes/{volume}/action", $$$"""{"os-retype": {"new_type": "{{{from}}}"}}""");
        using var unknown = await cinder.PostRawAsync($"volumes/{volume}/action", """{"os-retype": {"new_type": "no-such-type"}}""");
        using var badPolicy = await cinder.PostRawAsync($"volumes/{volume}/action", $$$"""{"os-retype": {"new_type": "{{{elsewhere}}}", "migration_policy": "always"}}""");
        using var noType = await cinder.PostRawAsync($"volumes/{volume}/action", """{"os-retype": {}}""");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("BackendNameFilter", refused.Output, StringComparison.Ordinal);
        Assert.Contains("(HTTP 400)", refused.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.StartsWith("Invalid volume: Retype needs volume to be in available or in-use state", (await CinderClient.ReadAsync(same))["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPolicy.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noType.StatusCode);
        Assert.Equal(from, (await cinder.WaitSettledAsync(volume))!["volume_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task CinderQuotaUpdateVolumeType_SecondVolumeOfTheType_Is413WhileOtherTypesStillFit()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var (limited, other) = (await CreateTypeAsync(cinder), await CreateTypeAsync(cinder));

        var update = await CinderAsync(project, "quota-update", "--volume-type", limited, "--volumes", "1", project);
        var show = await CinderAsync(project, "quota-show", project);
        await cinder.WaitSettledAsync(await CreateVolumeOfTypeAsync(cinder, limited, size: 2));
        using var second = await cinder.PostRawAsync("volumes", $$$"""{"volume": {"size": 1, "volume_type": "{{{limited}}}"}}""");
        var third = await CreateVolumeOfTypeAsync(cinder, other);
        var usage = await CinderAsync(project, "quota-usage", project);

        Assert.True(update.ExitCode == 0, update.Output);
        Assert.Matches($@"\|\s*volumes_{limited}\s*\|\s*1\s*\|", show.Output);
        Assert.Matches($@"\|\s*gigabytes_{limited}\s*\|\s*-1\s*\|", show.Output);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
        Assert.Equal("VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for quota 'volumes_" + limited + "'.",
            (await CinderClient.ReadAsync(second))["overLimit"]!["message"]!.GetValue<string>());
        Assert.NotNull(third);
        Assert.Matches($@"\|\s*volumes_{limited}\s*\|\s*1\s*\|\s*0\s*\|\s*1\s*\|", usage.Output);
        Assert.Matches($@"\|\s*gigabytes_{limited}\s*\|\s*2\s*\|\s*0\s*\|\s*-1\s*\|", usage.Output);
    }

    [Fact]
    public async Task CinderQuotaClassUpdate_PerTypeKey_IsEveryProjectsDefaultAndRetypeIsHeldToIt()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var (from, full) = (await CreateTypeAsync(cinder), await CreateTypeAsync(cinder));

        var update = await CinderAsync(project, "quota-class-update", "--volume-type", full, "--gigabytes", "0", "default");
        var defaults = await CinderAsync(project, "quota-defaults", CinderClient.NewProjectId());
        var volume = await CreateVolumeOfTypeAsync(cinder, from);
        await cinder.WaitSettledAsync(volume);
        using var refused = await cinder.PostRawAsync($"volumes/{volume}/action", $$$"""{"os-retype": {"new_type": "{{{full}}}", "migration_policy": "never"}}""");
        var retypeToOther = await CinderAsync(project, "retype", volume, await CreateTypeAsync(cinder));
        var usage = await CinderAsync(project, "quota-usage", project);

        Assert.True(update.ExitCode == 0, update.Output);
        Assert.Matches($@"\|\s*gigabytes_{full}\s*\|\s*0\s*\|", update.Output);
        Assert.Matches($@"\|\s*gigabytes_{full}\s*\|\s*0\s*\|", defaults.Output);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains($"gigabytes_{full} quota", (await CinderClient.ReadAsync(refused))["overLimit"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(retypeToOther.ExitCode == 0, retypeToOther.Output);
        // The volume's count left its old type's row when it moved.
        Assert.Matches($@"\|\s*volumes_{from}\s*\|\s*0\s*\|\s*0\s*\|", usage.Output);
    }

    private static async Task<string> CreateTypeAsync(CinderClient cinder, string extraSpecs = "{}")
    {
        var name = $"t-{Guid.NewGuid():N}"[..14];
        using var created = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{name}}}", "extra_specs": {{{extraSpecs}}}}}""");
        Assert.True(created.StatusCode == HttpStatusCode.OK, await created.Content.ReadAsStringAsync());
        return name;
    }

    private static async Task<string> CreateVolumeOfTypeAsync(CinderClient cinder, string type, int size = 1)
    {
        using var created = await cinder.PostRawAsync("volumes", $$$"""{"volume": {"size": {{{size}}}, "name": "typed", "volume_type": "{{{type}}}"}}""");
        var body = await CinderClient.ReadAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        return body["volume"]!["id"]!.GetValue<string>();
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
