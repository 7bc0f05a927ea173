using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// What Cinder refuses and what it lets through, by microversion: boolean query parameters, bodies with unknown
/// fields, os-reset_status, and the snapshot view's <c>group_snapshot_id</c>. A refusal changes nothing.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RequestStrictnessTests(StackFixture fixture)
{
    [Theory]
    [InlineData("volumes?with_count=maybe", "3.45", "Value 'maybe' for 'with_count' is not a boolean.")]
    [InlineData("volumes?all_tenants=sure", "3.0", "Value 'sure' for 'all_tenants' is not a boolean.")]
    [InlineData("snapshots?all_tenants=sure", "3.0", "Value 'sure' for 'all_tenants' is not a boolean.")]
    [InlineData("volumes/detail?bootable=abc", "3.2", "Invalid input received: 'bootable = abc'")]
    [InlineData("scheduler-stats/get_pools?detail=maybe", "3.0", "Value 'maybe' for 'detail' is not a boolean.")]
    public async Task List_ABooleanParameterThatIsNoBoolean_Is400(string path, string version, string message)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await SendAsync(cinder, HttpMethod.Get, path, version);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, Message(await CinderClient.ReadAsync(response)));
    }

    [Fact]
    public async Task ListVolumes_BootableFilter_StrictFrom32_AnythingButFalseIsTrueBelow()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var plain = await AvailableVolumeAsync(cinder, "plain");
        var bootable = await AvailableVolumeAsync(cinder, "boot");
        using (var set = await cinder.PostRawAsync($"volumes/{bootable}/action", """{"os-set_bootable": {"bootable": true}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        Assert.Equal([bootable], await IdsAsync(cinder, "volumes?bootable=t", "3.2"));
        Assert.Equal([plain], await IdsAsync(cinder, "volumes?bootable=0", "3.2"));
        Assert.Equal([bootable], await IdsAsync(cinder, "volumes?bootable=0", "3.1"));
        Assert.Equal([plain], await IdsAsync(cinder, "volumes?bootable=False", "3.1"));
    }

    [Fact]
    public async Task VolumeSummary_IgnoresFiltersAsCinderDoes()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        await AvailableVolumeAsync(cinder, "one");
        await AvailableVolumeAsync(cinder, "two");

        using var response = await SendAsync(cinder, HttpMethod.Get, "volumes/summary?name=one&colour=red", "3.12");

        var summary = (await CinderClient.ReadAsync(response))["volume-summary"]!;
        Assert.Equal((HttpStatusCode.OK, 2, 2), (response.StatusCode, summary["total_count"]!.GetValue<int>(), summary["total_size"]!.GetValue<int>()));
    }

    [Fact]
    public async Task DeleteVolume_CascadeOrForceNoBoolean_Is400AndTheVolumeStays()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volume = await AvailableVolumeAsync(cinder, "kept");

        using var cascade = await SendAsync(cinder, HttpMethod.Delete, $"volumes/{volume}?cascade=perhaps", "3.0");
        using var force = await SendAsync(cinder, HttpMethod.Delete, $"volumes/{volume}?force=perhaps", "3.23");

        Assert.Equal("Value 'perhaps' for 'cascade' is not a boolean.", Message(await CinderClient.ReadAsync(cascade)));
        Assert.Equal("Value 'perhaps' for 'force' is not a boolean.", Message(await CinderClient.ReadAsync(force)));
        Assert.Equal("available", (await cinder.WaitSettledAsync(volume))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateVolume_UnknownFieldIs400AtEveryVersion_NoFieldIs400From353Only()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volume = await AvailableVolumeAsync(cinder, "before");

        using var unknown = await SendAsync(cinder, HttpMethod.Put, $"volumes/{volume}", "3.0", """{"volume": {"name": "after", "colour": "red"}}""");
        using var emptyBelow = await SendAsync(cinder, HttpMethod.Put, $"volumes/{volume}", "3.52", """{"volume": {}}""");
        using var emptyFrom353 = await SendAsync(cinder, HttpMethod.Put, $"volumes/{volume}", "3.53", """{"volume": {}}""");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("('colour' was unexpected)", Message(await CinderClient.ReadAsync(unknown)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, emptyBelow.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, emptyFrom353.StatusCode);
        Assert.Equal("before", (await cinder.WaitSettledAsync(volume))!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"volume": {"size": 1, "multiattach": true}}""", "multiattach parameter has been removed.")]
    [InlineData("""{"volume": {"size": 1, "image_id": "1b8a4c3e-3e53-4f0c-9d45-0d2c9c1a7e11"}}""", "'image_id'")]
    public async Task CreateVolume_WhatCinderNoLongerOrNotHereTakes_Is400AndCreatesNothing(string body, string message)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await cinder.PostRawAsync("volumes", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, Message(await CinderClient.ReadAsync(response)), StringComparison.Ordinal);
        Assert.Empty(await IdsAsync(cinder, "volumes", "3.0"));
    }

    [Theory]
    [InlineData("""{"snapshot": {"name": "s"}}""", "'volume_id' is a required property")]
    [InlineData("""{"snapshot": {"volume_id": "VOLUME", "bogus": 1}}""", "('bogus' was unexpected)")]
    public async Task CreateSnapshot_BodyCindersSchemaRefuses_Is400AndCreatesNothing(string body, string message)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volume = await AvailableVolumeAsync(cinder, "source");

        using var response = await cinder.PostRawAsync("snapshots", body.Replace("VOLUME", volume, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, Message(await CinderClient.ReadAsync(response)), StringComparison.Ordinal);
        using var snapshots = await cinder.GetAsync("snapshots");
        Assert.Empty((await CinderClient.ReadAsync(snapshots))["snapshots"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"os-reset_status": {"status": "deleting"}}""", "Cannot reset-state to deleting")]
    [InlineData("""{"os-reset_status": {"status": "error", "colour": "red"}}""", "('colour' was unexpected)")]
    [InlineData("""{"os-reset_status": {}}""", "Must specify 'status', 'attach_status' or 'migration_status' for update.")]
    [InlineData("""{"os-reset_status": {"attach_status": "half"}}""", "Volume attach status: half is invalid")]
    public async Task ResetStatus_WhatCinderRefuses_Is400AndTheStatusStays(string body, string message)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volume = await AvailableVolumeAsync(cinder, "steady");

        using var response = await cinder.PostRawAsync($"volumes/{volume}/action", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, Message(await CinderClient.ReadAsync(response)), StringComparison.Ordinal);
        Assert.Equal("available", (await cinder.WaitSettledAsync(volume))!["status"]!.GetValue<string>());
    }

    /// <summary>What <c>cinder reset-state --attach-status detached</c> sends: accepted, and the status stays.</summary>
    [Fact]
    public async Task ResetStatus_AttachStatusAlone_IsAcceptedAndLeavesTheStatus()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volume = await AvailableVolumeAsync(cinder, "detached");

        var reset = await Cli.CinderAsync(fixture.Stack.ApiUrl, cinder.ProjectId, "reset-state", "--attach-status", "detached", volume);

        Assert.True(reset.ExitCode == 0, reset.Output);
        Assert.Equal("available", (await cinder.WaitSettledAsync(volume))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SnapshotView_GroupSnapshotIdFrom314Only()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volume = await AvailableVolumeAsync(cinder, "source");
        using var created = await cinder.PostRawAsync("snapshots", $$$"""{"snapshot": {"volume_id": "{{{volume}}}", "name": "s"}}""");
        var snapshot = (await CinderClient.ReadAsync(created))["snapshot"]!["id"]!.GetValue<string>();

        using var below = await SendAsync(cinder, HttpMethod.Get, $"snapshots/{snapshot}", "3.13");
        using var from314 = await SendAsync(cinder, HttpMethod.Get, $"snapshots/{snapshot}", "3.14");

        Assert.False((await CinderClient.ReadAsync(below))["snapshot"]!.AsObject().ContainsKey("group_snapshot_id"));
        var view = (await CinderClient.ReadAsync(from314))["snapshot"]!.AsObject();
        Assert.True(view.ContainsKey("group_snapshot_id"));
        Assert.Null(view["group_snapshot_id"]);
    }

    private static async Task<string> AvailableVolumeAsync(CinderClient cinder, string name)
    {
        var id = await cinder.CreateAcceptedAsync(1, name);
        Assert.Equal("available", (await cinder.WaitSettledAsync(id))!["status"]!.GetValue<string>());
        return id;
    }

    private static async Task<string[]> IdsAsync(CinderClient cinder, string path, string version)
    {
        using var response = await SendAsync(cinder, HttpMethod.Get, path, version);
        var body = await CinderClient.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return [.. body["volumes"]!.AsArray().Select(volume => volume!["id"]!.GetValue<string>())];
    }

    private static async Task<HttpResponseMessage> SendAsync(CinderClient cinder, HttpMethod method, string path, string version, string? json = null)
    {
        using var request = new HttpRequestMessage(method, $"v3/{cinder.ProjectId}/{path}");
        request.Headers.Add("OpenStack-API-Version", $"volume {version}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await cinder.SendAsync(request);
    }

    private static string Message(JsonObject fault) => fault.Single().Value!["message"]!.GetValue<string>();
}
