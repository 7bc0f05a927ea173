using System.Net;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Volumes over HTTP through the real Server and agent processes, with the file driver's files checked on disk.</summary>
[Collection(StackCollection.Name)]
public sealed class VolumeLifecycleTests(StackFixture fixture)
{
    [Fact]
    public async Task CreateThenDelete_HealthyAgent_FileAppearsWithTheRightSizeThenGoes()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        var id = await cinder.CreateAcceptedAsync(size: 2, name: "round-trip");
        var volume = await cinder.WaitSettledAsync(id);

        Assert.Equal("available", volume!["status"]!.GetValue<string>());
        Assert.Equal("node1@file#file", volume["os-vol-host-attr:host"]!.GetValue<string>());
        var file = new FileInfo(Path.Combine(fixture.HealthyDataDirectory, "volumes", $"volume-{id}"));
        Assert.True(file.Exists, $"{file.FullName} should exist");
        Assert.Equal(2L << 30, file.Length);

        using var delete = await cinder.DeleteAsync($"volumes/{id}");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Null(await cinder.WaitSettledAsync(id));
        Assert.False(File.Exists(file.FullName), $"{file.FullName} should be gone");
    }

    [Fact]
    public async Task ListAndShow_AfterCreate_ShowTheVolumeAsCinderDoes()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await cinder.CreateAcceptedAsync(size: 1, name: "listed");
        await cinder.WaitSettledAsync(id);

        using var list = await cinder.GetAsync("volumes");
        var summary = Assert.Single((await CinderClient.ReadAsync(list))["volumes"]!.AsArray())!;
        Assert.Equal((id, "listed"), (summary["id"]!.GetValue<string>(), summary["name"]!.GetValue<string>()));

        // What `openstack volume show NAME` sends after the lookup by id fails.
        using var byName = await cinder.GetAsync("volumes/detail?all_tenants=1&name=listed");
        var found = (await CinderClient.ReadAsync(byName))["volumes"]!.AsArray().Single(v => v!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("available", found["status"]!.GetValue<string>());
        Assert.Equal(cinder.ProjectId, found["os-vol-tenant-attr:tenant_id"]!.GetValue<string>());

        using var show = await cinder.GetAsync($"volumes/{id}");
        Assert.Equal(HttpStatusCode.OK, show.StatusCode);
        Assert.StartsWith("req-", show.Headers.GetValues("x-openstack-request-id").Single(), StringComparison.Ordinal);
        Assert.Equal("volume 3.0", show.Headers.GetValues("OpenStack-API-Version").Single());
    }

    [Fact]
    public async Task Create_DriverFails_VolumeEndsInErrorWithTheReasonAndQuotaIsReleased()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        var id = await cinder.CreateAcceptedAsync(size: StackFixture.GigabytesQuota - 5, name: "doomed", availabilityZone: "broken");
        var volume = await cinder.WaitSettledAsync(id);

        Assert.Equal("error", volume!["status"]!.GetValue<string>());
        Assert.Contains(await cinder.MessagesAboutAsync(id), message => message.Contains("volume-" + id, StringComparison.Ordinal));
        // Had the failed create kept its reservation, the whole quota would no longer fit.
        var fits = await cinder.CreateAcceptedAsync(size: StackFixture.GigabytesQuota, name: "fits");
        Assert.Equal("available", (await cinder.WaitSettledAsync(fits))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_AgentSilent_VolumeEndsInErrorAfterTheTimeoutAndQuotaIsReleased()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        // A backend reports capacity but nothing ever reads its queue: an agent that died after reporting.
        using var agent = new HttpClient { BaseAddress = new Uri(fixture.Stack.ApiUrl) };
        using var report = await agent.PostAsync("agent/v1/capacity", new StringContent(
            """{"backendHost":"ghost@file","pools":[{"poolName":"file","availabilityZone":"silent","totalCapacityGib":100,"freeCapacityGib":100}]}""",
            System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);

        var id = await cinder.CreateAcceptedAsync(size: StackFixture.GigabytesQuota, name: "unanswered", availabilityZone: "silent");
        var volume = await cinder.WaitSettledAsync(id);

        Assert.Equal("error", volume!["status"]!.GetValue<string>());
        Assert.Contains(await cinder.MessagesAboutAsync(id), message => message.Contains("did not answer within", StringComparison.Ordinal));
        var fits = await cinder.CreateAcceptedAsync(size: StackFixture.GigabytesQuota, name: "fits");
        Assert.Equal("available", (await cinder.WaitSettledAsync(fits))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_OverQuota_Is413WithCindersMessageAndChangesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var refused = await cinder.CreateVolumeAsync(StackFixture.GigabytesQuota + 1, "too-big");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        var fault = (await CinderClient.ReadAsync(refused))["overLimit"]!;
        Assert.Equal(413, fault["code"]!.GetValue<int>());
        Assert.Equal(
            $"VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested {StackFixture.GigabytesQuota + 1}G, quota is {StackFixture.GigabytesQuota}G and 0G has been consumed.",
            fault["message"]!.GetValue<string>());
        using var list = await cinder.GetAsync("volumes/detail");
        Assert.Empty((await CinderClient.ReadAsync(list))["volumes"]!.AsArray());
        var fits = await cinder.CreateAcceptedAsync(size: StackFixture.GigabytesQuota, name: "fits");
        Assert.Equal("available", (await cinder.WaitSettledAsync(fits))!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"volume": {"size": 0}}""", "size")]
    [InlineData("""{"volume": {"size": "abc"}}""", "size")]
    [InlineData("""{"volume": {"name": "no-size"}}""", "size")]
    [InlineData("""{"volume": {"size": 1, "availability_zone": "atlantis"}}""", "atlantis")]
    [InlineData("""{"volume": {"size": 1""", "Malformed request body")]
    public async Task Create_BadInput_Is400BadRequestAndChangesNothing(string body, string mentioned)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await cinder.PostRawAsync("volumes", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fault = (await CinderClient.ReadAsync(response))["badRequest"]!;
        Assert.Contains(mentioned, fault["message"]!.GetValue<string>(), StringComparison.Ordinal);
        using var list = await cinder.GetAsync("volumes");
        Assert.Empty((await CinderClient.ReadAsync(list))["volumes"]!.AsArray());
    }

    [Fact]
    public async Task Show_UnknownVolume_Is404ItemNotFound()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await cinder.GetAsync("volumes/v1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(
            JsonNode.Parse("""{"itemNotFound": {"code": 404, "message": "Volume v1 could not be found."}}""")!.ToJsonString(),
            (await CinderClient.ReadAsync(response)).ToJsonString());
    }

    [Fact]
    public async Task Show_AnotherProjectsVolumeAsNoAuthAdmin_IsFoundAsCindersAdminContext()
    {
        using var owner = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var admin = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await owner.CreateAcceptedAsync(size: 1, name: "theirs");

        using var response = await admin.GetAsync($"volumes/{id}");

        // noauth makes every caller an admin, and Cinder's admin context is not limited to the URL's project;
        // a member's view of another project is a 404 (TokenAuthTests).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(owner.ProjectId, (await CinderClient.ReadAsync(response))["volume"]!["os-vol-tenant-attr:tenant_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task EmptyIds_VolumesWithTrailingSlashAndSnapshotOfNoVolume_Are404AsCinder()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var volumes = await cinder.GetAsync("volumes/");
        using var snapshot = await cinder.PostRawAsync("snapshots", """{"snapshot": {"volume_id": null}}""");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (volumes.StatusCode, snapshot.StatusCode));
    }
}
