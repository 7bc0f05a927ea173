using System.Net;
using System.Text.RegularExpressions;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Operator work with the real <c>cinder</c> CLI (python3-cinderclient 9.1, Debian): quotas, limits, zones, services, snapshots, extend.</summary>
[Collection(StackCollection.Name)]
public sealed partial class CinderClientTests(StackFixture fixture)
{
    [Fact]
    public async Task QuotaUpdate_LowerVolumeLimit_ShownByQuotaShowAndEnforcedOnCreate()
    {
        var project = CinderClient.NewProjectId();

        var update = await CinderAsync(project, "quota-update", "--volumes", "1", project);
        var show = await CinderAsync(project, "quota-show", project);

        Assert.Equal(0, update.ExitCode);
        Assert.Matches(@"\|\s*volumes\s*\|\s*1\s*\|", show.Output);
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        await cinder.CreateAcceptedAsync(1, "first");
        using var second = await cinder.CreateVolumeAsync(1, "second");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
        Assert.Contains("VolumeLimitExceeded", (await CinderClient.ReadAsync(second))["overLimit"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuotaUsage_AfterACreate_CountsTheVolumeAndItsGigabytes()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        await cinder.WaitSettledAsync(await cinder.CreateAcceptedAsync(3, "counted"));

        var usage = await CinderAsync(project, "quota-usage", project);
        var limits = await CinderAsync(project, "absolute-limits");

        Assert.Matches(@"\|\s*volumes\s*\|\s*1\s*\|\s*0\s*\|", usage.Output);
        Assert.Matches(@"\|\s*gigabytes\s*\|\s*3\s*\|\s*0\s*\|", usage.Output);
        Assert.Matches(@"\|\s*totalGigabytesUsed\s*\|\s*3\s*\|", limits.Output);
    }

    [Fact]
    public async Task ZonesAndServices_ShowTheReportingBackends()
    {
        var project = CinderClient.NewProjectId();

        var zones = await CinderAsync(project, "availability-zone-list");
        var services = await CinderAsync(project, "service-list");

        Assert.Matches(@"\|\s*nova\s*\|\s*available\s*\|", zones.Output);
        Assert.Matches(@"\|\s*cinder-volume\s*\|\s*node1@file\s*\|\s*nova\s*\|\s*enabled\s*\|\s*up\s*\|", services.Output);
    }

    [Fact]
    public async Task SnapshotExtendAndCopy_OnTheFileDriver_EndWithTheRightSizesAndData()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var source = await cinder.CreateAcceptedAsync(1, "source");
        await cinder.WaitSettledAsync(source);
        var file = Path.Combine(fixture.HealthyDataDirectory, "volumes", $"volume-{source}");
        var original = RandomBytes(4096);
        await WriteAtAsync(file, original);

        // Snapshot names are unique to the test: the CLI finds a name with all_tenants=1, so an admin sees every project's.
        var name = $"snap-{project[..8]}";
        Assert.Equal(0, (await CinderAsync(project, "snapshot-create", "--name", name, source)).ExitCode);
        var snapshotId = await WaitForSnapshotAsync(project, name);
        await WriteAtAsync(file, RandomBytes(4096));
        Assert.Equal(0, (await CinderAsync(project, "extend", source, "2")).ExitCode);
        var copy = IdOf((await CinderAsync(project, "create", "--snapshot-id", snapshotId, "--name", "copy", "3")).Output);

        var extended = await cinder.WaitSettledAsync(source);
        var restored = await cinder.WaitSettledAsync(copy);
        Assert.Equal(("available", 2), (extended!["status"]!.GetValue<string>(), extended["size"]!.GetValue<int>()));
        Assert.Equal(2L << 30, new FileInfo(file).Length);
        Assert.Equal(("available", 3, snapshotId), (restored!["status"]!.GetValue<string>(), restored["size"]!.GetValue<int>(), restored["snapshot_id"]!.GetValue<string>()));
        Assert.Equal(original, await ReadAtAsync(Path.Combine(fixture.HealthyDataDirectory, "volumes", $"volume-{copy}"), original.Length));

        var refused = await CinderAsync(project, "delete", source);
        Assert.Contains("dependent snapshots", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CinderAsync(project, "snapshot-delete", snapshotId)).ExitCode);
    }

    [Fact]
    public async Task Metadata_SetAndUnset_ShowsInVolumeShow()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var id = await cinder.CreateAcceptedAsync(1, "tagged");

        Assert.Equal(0, (await CinderAsync(project, "metadata", id, "set", "tier=gold", "owner=ops")).ExitCode);
        Assert.Equal(0, (await CinderAsync(project, "metadata", id, "unset", "owner")).ExitCode);

        using var show = await cinder.GetAsync($"volumes/{id}/metadata");
        Assert.Equal("""{"metadata":{"tier":"gold"}}""", (await CinderClient.ReadAsync(show)).ToJsonString());
    }

    [Fact]
    public async Task AdminActions_ResetSnapshotStateThenForceDelete_AndReserveUnreserve()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var volume = await cinder.CreateAcceptedAsync(1, "held");
        await cinder.WaitSettledAsync(volume);
        var name = $"stuck-{project[..8]}";
        Assert.Equal(0, (await CinderAsync(project, "snapshot-create", "--name", name, volume)).ExitCode);
        var snapshotId = await WaitForSnapshotAsync(project, name);

        Assert.Equal(0, (await CinderAsync(project, "snapshot-reset-state", "--state", "error", snapshotId)).ExitCode);
        Assert.Matches(@"\|\s*status\s*\|\s*error\s*\|", (await CinderAsync(project, "snapshot-show", snapshotId)).Output);
        Assert.Equal(0, (await CinderAsync(project, "snapshot-delete", "--force", snapshotId)).ExitCode);
        for (var deadline = DateTime.UtcNow.AddMinutes(2); DateTime.UtcNow < deadline;)
        {
            using var shown = await cinder.GetAsync($"snapshots/{snapshotId}");
            if (shown.StatusCode == HttpStatusCode.NotFound)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.NotEqual(0, (await CinderAsync(project, "snapshot-show", snapshotId)).ExitCode);
        using var reserve = await cinder.PostRawAsync($"volumes/{volume}/action", """{"os-reserve": null}""");
        Assert.Equal(HttpStatusCode.Accepted, reserve.StatusCode);
        Assert.Equal("attaching", (await cinder.WaitSettledAsync(volume))!["status"]!.GetValue<string>());
        using var unreserve = await cinder.PostRawAsync($"volumes/{volume}/action", """{"os-unreserve": null}""");
        Assert.Equal("available", (await cinder.WaitSettledAsync(volume))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SnapshotMetadata_SetAndUnset_ShowsInSnapshotMetadata()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var volume = await cinder.CreateAcceptedAsync(1, "parent");
        await cinder.WaitSettledAsync(volume);
        var name = $"tagged-{project[..8]}";
        Assert.Equal(0, (await CinderAsync(project, "snapshot-create", "--name", name, volume)).ExitCode);
        var snapshotId = await WaitForSnapshotAsync(project, name);

        Assert.Equal(0, (await CinderAsync(project, "snapshot-metadata", snapshotId, "set", "purpose=backup", "owner=ops")).ExitCode);
        Assert.Equal(0, (await CinderAsync(project, "snapshot-metadata", snapshotId, "unset", "owner")).ExitCode);

        using var show = await cinder.GetAsync($"snapshots/{snapshotId}/metadata");
        Assert.Equal("""{"metadata":{"purpose":"backup"}}""", (await CinderClient.ReadAsync(show)).ToJsonString());
    }

    private Task<(int ExitCode, string Output)> CinderAsync(string project, params string[] arguments) =>
        Cli.CinderAsync(fixture.Stack.ApiUrl, project, arguments);

    /// <summary>
    /// Polls the API until the snapshot is available, then shows it by name once with the CLI, as a user would (polling
    /// with the CLI started a Python process every 100 ms; a failure now says the status it last saw).
    /// </summary>
    private async Task<string> WaitForSnapshotAsync(string project, string name)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        string? status = null;
        while (status != "available" && status != "error" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            using var listed = await cinder.GetAsync($"snapshots/detail?name={name}");
            status = (await CinderClient.ReadAsync(listed))["snapshots"]!.AsArray().SingleOrDefault()?["status"]?.GetValue<string>();
        }

        var shown = await CinderAsync(project, "snapshot-show", name);
        return StatusPattern().Match(shown.Output) is { Success: true } match && match.Groups[1].Value == "available"
            ? IdOf(shown.Output)
            : throw new TimeoutException($"Snapshot {name} never became available (last status {status ?? "not listed"}): {shown.Output}");
    }

    private static string IdOf(string table) => IdPattern().Match(table).Groups[1].Value;

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task WriteAtAsync(string path, byte[] data)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
        stream.Position = 1 << 20;
        await stream.WriteAsync(data);
    }

    private static async Task<byte[]> ReadAtAsync(string path, int count)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
        stream.Position = 1 << 20;
        var data = new byte[count];
        await stream.ReadExactlyAsync(data);
        return data;
    }

    [GeneratedRegex(@"\|\s*id\s*\|\s*([0-9a-f-]{36})\s*\|")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\|\s*status\s*\|\s*(\S+)\s*\|")]
    private static partial Regex StatusPattern();
}
