using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// Project-less URLs (<c>/v3/volumes</c>, microversion 3.67) in noauth mode: the real clients pointed at <c>/v3</c>,
/// and raw requests for volumes, types, snapshots and quotas, each acting in the project the token names.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ProjectlessUrlTests(StackFixture fixture)
{
    [Fact]
    public async Task CinderCreateAndList_EndpointWithoutProject_CreateInTheTokensProject()
    {
        var project = CinderClient.NewProjectId();
        var name = $"pl-{Guid.NewGuid():N}"[..12];

        var created = await CinderAtV3Async(project, "create", "--name", name, "1");
        var listed = await CinderAtV3Async(project, "list");

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains(name, listed.Output, StringComparison.Ordinal);
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        using var own = await cinder.GetAsync("volumes");
        Assert.Contains(name, (await CinderClient.ReadAsync(own)).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenStackVolumeCreateShowList_EndpointWithoutProject_ActInTheTokensProject()
    {
        var project = CinderClient.NewProjectId();
        var name = $"pl-{Guid.NewGuid():N}"[..12];

        var created = await OpenStackAtV3Async(project, "volume", "create", "--size", "1", name, "-f", "json");
        Assert.True(created.ExitCode == 0, created.Output);
        var id = JsonNode.Parse(created.Output)!["id"]!.GetValue<string>();
        var shown = await OpenStackAtV3Async(project, "volume", "show", id, "-f", "json");
        var listed = await OpenStackAtV3Async(project, "volume", "list", "-f", "json");

        Assert.Equal(name, JsonNode.Parse(shown.Output)!["name"]!.GetValue<string>());
        Assert.Contains(id, listed.Output, StringComparison.Ordinal);
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        using var own = await cinder.GetAsync($"volumes/{id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task VolumeCreateShowListAndExtend_WithAndWithoutProject_SeeTheSameVolume()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);

        using var created = await SendAsync(cinder, HttpMethod.Post, "v3/volumes", """{"volume": {"size": 1, "name": "projectless"}}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var volume = (await CinderClient.ReadAsync(created))["volume"]!;
        var id = volume["id"]!.GetValue<string>();
        Assert.Contains($"/v3/{project}/volumes/{id}", volume["links"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("available", (await cinder.WaitSettledAsync(id))!["status"]!.GetValue<string>());

        using var extend = await SendAsync(cinder, HttpMethod.Post, $"v3/volumes/{id}/action", """{"os-extend": {"new_size": 2}}""");
        Assert.Equal(HttpStatusCode.Accepted, extend.StatusCode);
        var extended = await WaitForSizeAsync(cinder, id, 2);
        using var withoutProject = await SendAsync(cinder, HttpMethod.Get, $"v3/volumes/{id}");
        using var detail = await SendAsync(cinder, HttpMethod.Get, "v3/volumes/detail");
        using var summary = await SendAsync(cinder, HttpMethod.Get, "v3/volumes/summary", version: "3.12");

        Assert.Equal(2, extended);
        Assert.Equal(2, (await CinderClient.ReadAsync(withoutProject))["volume"]!["size"]!.GetValue<int>());
        Assert.Equal([id], (await CinderClient.ReadAsync(detail))["volumes"]!.AsArray().Select(entry => entry!["id"]!.GetValue<string>()));
        Assert.Equal(1, (await CinderClient.ReadAsync(summary))["volume-summary"]!["total_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task TypesAndSnapshots_WithoutProject_AnswerAsTheProjectsUrl()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var volumeId = await cinder.CreateAcceptedAsync(1, "source");
        await cinder.WaitSettledAsync(volumeId);

        using var types = await SendAsync(cinder, HttpMethod.Get, "v3/types");
        using var defaultType = await SendAsync(cinder, HttpMethod.Get, "v3/types/default");
        using var snapshot = await SendAsync(cinder, HttpMethod.Post, "v3/snapshots", $$$"""{"snapshot": {"volume_id": "{{{volumeId}}}", "name": "snap"}}""");
        var snapshotId = (await CinderClient.ReadAsync(snapshot))["snapshot"]!["id"]!.GetValue<string>();
        using var snapshots = await SendAsync(cinder, HttpMethod.Get, "v3/snapshots");
        using var projectSnapshots = await cinder.GetAsync("snapshots");

        Assert.Equal(HttpStatusCode.OK, types.StatusCode);
        Assert.Contains("__DEFAULT__", (await CinderClient.ReadAsync(types)).ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("__DEFAULT__", (await CinderClient.ReadAsync(defaultType))["volume_type"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, snapshot.StatusCode);
        Assert.Equal([snapshotId], (await CinderClient.ReadAsync(snapshots))["snapshots"]!.AsArray().Select(entry => entry!["id"]!.GetValue<string>()));
        Assert.Equal([snapshotId], (await CinderClient.ReadAsync(projectSnapshots))["snapshots"]!.AsArray().Select(entry => entry!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task QuotaUpdate_WithoutProject_IsShownThroughTheProjectsUrl()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);

        using var update = await SendAsync(cinder, HttpMethod.Put, $"v3/os-quota-sets/{project}", """{"quota_set": {"volumes": 7}}""");
        using var withProject = await cinder.GetAsync($"os-quota-sets/{project}");
        using var withoutProject = await SendAsync(cinder, HttpMethod.Get, $"v3/os-quota-sets/{project}");
        using var limits = await SendAsync(cinder, HttpMethod.Get, "v3/limits");

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(7, (await CinderClient.ReadAsync(withProject))["quota_set"]!["volumes"]!.GetValue<int>());
        Assert.Equal(7, (await CinderClient.ReadAsync(withoutProject))["quota_set"]!["volumes"]!.GetValue<int>());
        Assert.Equal(7, (await CinderClient.ReadAsync(limits))["limits"]!["absolute"]!["maxTotalVolumes"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("admin", null, null)]
    [InlineData(null, null, "0123456789abcdef0123456789abcdef")]
    [InlineData("user1", "0123456789abcdef0123456789abcdef", null)]
    public async Task VolumeList_ProjectFromTokenOrHeader_OrA400WhenNoneIsKnown(string? tokenUser, string? tokenProject, string? headerProject)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Stack.ApiUrl + "/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "v3/volumes");
        if (tokenUser is not null)
        {
            request.Headers.Add("X-Auth-Token", tokenProject is null ? tokenUser : $"{tokenUser}:{tokenProject}");
        }

        if (headerProject is not null)
        {
            request.Headers.Add("X-Project-Id", headerProject);
        }

        using var response = await http.SendAsync(request);

        var known = tokenProject ?? headerProject;
        Assert.Equal(known is null ? HttpStatusCode.BadRequest : HttpStatusCode.OK, response.StatusCode);
        if (known is null)
        {
            Assert.StartsWith("Malformed request url", (await CinderClient.ReadAsync(response))["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProjectlessPaths_ThatNameNoRoute_KeepTheProjectUrlsAnswers()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var emptyId = await SendAsync(cinder, HttpMethod.Delete, "v3/volumes/");
        using var wrongMethod = await SendAsync(cinder, HttpMethod.Delete, "v3/volumes");
        using var placeholder = await SendAsync(cinder, HttpMethod.Get, "v3/~/volumes");
        using var unknown = await SendAsync(cinder, HttpMethod.Get, "v3/no-such-collection");

        Assert.Equal(
            (HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            (emptyId.StatusCode, wrongMethod.StatusCode, placeholder.StatusCode, unknown.StatusCode));
    }

    private Task<(int ExitCode, string Output)> CinderAtV3Async(string project, params string[] arguments) =>
        Cli.RunAsync("cinder", ["--os-auth-type", "noauth", "--os-endpoint", $"{fixture.Stack.ApiUrl}/v3", "--os-user-id", "user1", "--os-project-id", project, .. arguments]);

    private Task<(int ExitCode, string Output)> OpenStackAtV3Async(string project, params string[] arguments) =>
        Cli.RunAsync("openstack", ["--os-auth-type", "admin_token", "--os-token", $"user1:{project}", "--os-endpoint", $"{fixture.Stack.ApiUrl}/v3", .. arguments]);

    private static async Task<int> WaitForSizeAsync(CinderClient cinder, string id, int size)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await cinder.GetAsync($"volumes/{id}");
            var volume = (await CinderClient.ReadAsync(response))["volume"]!;
            var current = volume["size"]!.GetValue<int>();
            if ((current == size && volume["status"]!.GetValue<string>() == "available") || DateTime.UtcNow > deadline)
            {
                return current;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A request with the client's noauth token to a path of the caller's choosing (the client's helpers add the project).</summary>
    private static Task<HttpResponseMessage> SendAsync(CinderClient cinder, HttpMethod method, string path, string? body = null, string? version = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (version is not null)
        {
            request.Headers.Add("OpenStack-API-Version", $"volume {version}");
        }

        return cinder.SendAsync(request);
    }
}
