using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// Behaviour that exists from a microversion on (docs/microversions.md): through the real clients where they have the
/// feature, raw HTTP for the views, which must change exactly at their version and never below it.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class MicroversionTests(StackFixture fixture)
{
    [Fact]
    public async Task CinderSummary_At312_PrintsCountAndTotalSize()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        await cinder.CreateAcceptedAsync(1, "s1");
        await cinder.CreateAcceptedAsync(2, "s2");

        var (exitCode, output) = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.12", "summary");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"total_count\s*\|\s*2\s", output);
        Assert.Matches(@"total_size\s*\|\s*3\s", output);
    }

    [Fact]
    public async Task Summary_MetadataFrom336Only_AndNoRouteBelow312()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var tagged = await cinder.PostRawAsync("volumes", """{"volume": {"size": 1, "name": "t", "metadata": {"tier": "gold"}}}""");

        var at335 = await GetJsonAsync(cinder, "volumes/summary", "3.35");
        var at336 = await GetJsonAsync(cinder, "volumes/summary", "3.36");
        using var at311 = await SendAsync(cinder, HttpMethod.Get, "volumes/summary", "3.11");

        Assert.Null(at335["volume-summary"]!["metadata"]);
        Assert.Equal("gold", at336["volume-summary"]!["metadata"]!["tier"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, at311.StatusCode);
    }

    [Fact]
    public async Task ListVolumes_WithCountAt345_CountsEveryMatchNotThePage()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        foreach (var name in new[] { "c1", "c2", "c3" })
        {
            await cinder.CreateAcceptedAsync(1, name);
        }

        var at345 = await GetJsonAsync(cinder, "volumes?limit=1&with_count=true", "3.45");
        var at344 = await GetJsonAsync(cinder, "volumes?limit=1&with_count=true", "3.44");

        Assert.Single(at345["volumes"]!.AsArray());
        Assert.Equal(3, at345["count"]!.GetValue<int>());
        Assert.Null(at344["count"]);
    }

    [Fact]
    public async Task CinderListFilters_LikeFilterAt334_ListsOnlyNamesContainingIt()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        await cinder.CreateAcceptedAsync(1, "alpha-one");
        await cinder.CreateAcceptedAsync(1, "xalphax");
        await cinder.CreateAcceptedAsync(1, "beta");

        var (exitCode, output) = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.34", "list", "--filters", "name~=alpha");

        Assert.True(exitCode == 0, output);
        Assert.Contains("alpha-one", output);
        Assert.Contains("xalphax", output);
        Assert.DoesNotContain("beta", output);
    }

    [Fact]
    public async Task ListVolumes_TimeComparisonAt360_FiltersByCreatedAtAndRefusesUnknownOperators()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        await cinder.CreateAcceptedAsync(1, "timed");
        var future = Uri.EscapeDataString(DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss"));

        var after = await GetJsonAsync(cinder, $"volumes?created_at=gt:{future}", "3.60");
        var before = await GetJsonAsync(cinder, $"volumes?created_at=lte:{future}", "3.60");
        var ignoredAt359 = await GetJsonAsync(cinder, $"volumes?created_at=gt:{future}", "3.59");
        using var badOperator = await SendAsync(cinder, HttpMethod.Get, $"volumes?created_at=after:{future}", "3.60");

        Assert.Empty(after["volumes"]!.AsArray());
        Assert.Single(before["volumes"]!.AsArray());
        Assert.Single(ignoredAt359["volumes"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, badOperator.StatusCode);
    }

    [Fact]
    public async Task VolumeMetadata_StaleIfMatchAt315_Is412AndChangesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await cinder.CreateAcceptedAsync(1, "etag");
        using var read = await SendAsync(cinder, HttpMethod.Get, $"volumes/{id}/metadata", "3.15");
        var etag = read.Headers.GetValues("ETag").Single();
        using var first = await SendAsync(cinder, HttpMethod.Put, $"volumes/{id}/metadata", "3.15", """{"metadata": {"k": "first"}}""", etag);

        using var second = await SendAsync(cinder, HttpMethod.Put, $"volumes/{id}/metadata", "3.15", """{"metadata": {"k": "second"}}""", etag);
        var after = await GetJsonAsync(cinder, $"volumes/{id}/metadata", "3.15");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("first", after["metadata"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public async Task VolumeMetadata_Below315_HasNoEtag()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await cinder.CreateAcceptedAsync(1, "no-etag");

        using var read = await SendAsync(cinder, HttpMethod.Get, $"volumes/{id}/metadata", "3.14");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.False(read.Headers.Contains("ETag"));
    }

    [Theory]
    [InlineData("3.0", new string[0])]
    [InlineData("3.21", new[] { "provider_id" })]
    [InlineData("3.48", new[] { "provider_id", "shared_targets", "service_uuid" })]
    [InlineData("3.61", new[] { "provider_id", "shared_targets", "service_uuid", "cluster_name" })]
    [InlineData("3.63", new[] { "provider_id", "shared_targets", "service_uuid", "cluster_name", "volume_type_id" })]
    [InlineData("3.65", new[] { "provider_id", "shared_targets", "service_uuid", "cluster_name", "volume_type_id", "consumes_quota" })]
    public async Task ShowVolume_AtAVersion_HasExactlyTheFieldsOfThatVersion(string version, string[] added)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await cinder.CreateAcceptedAsync(1, "view");
        string[] versioned = ["provider_id", "shared_targets", "service_uuid", "cluster_name", "volume_type_id", "consumes_quota", "encryption_key_id"];

        var volume = (await GetJsonAsync(cinder, $"volumes/{id}", version))["volume"]!.AsObject();

        Assert.Equal(added.Order(), versioned.Where(volume.ContainsKey).Order());
    }

    [Fact]
    public async Task ListServices_At349_HasClusterAndBackendStateOnlyOnVolumeServices()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        var at349 = (await GetJsonAsync(cinder, "os-services", "3.49"))["services"]!.AsArray();
        var at36 = (await GetJsonAsync(cinder, "os-services", "3.6"))["services"]!.AsArray();

        Assert.All(at349, service => Assert.True(service!.AsObject().ContainsKey("cluster")));
        Assert.All(at349.Where(service => service!["binary"]!.GetValue<string>() == "cinder-volume"),
            service => Assert.Equal(service!["state"]!.GetValue<string>(), service["backend_state"]!.GetValue<string>()));
        Assert.Contains(at349, service => service!["binary"]!.GetValue<string>() == "cinder-volume");
        Assert.All(at36, service => Assert.False(service!.AsObject().ContainsKey("cluster")));
    }

    [Fact]
    public async Task CinderListFilters_At333_PrintsTheFiltersOfEachResource()
    {
        var project = CinderClient.NewProjectId();

        var (exitCode, output) = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.33", "list-filters", "--resource", "volume");

        Assert.True(exitCode == 0, output);
        Assert.Contains("volume", output);
        Assert.Contains("availability_zone", output);
        Assert.DoesNotContain("message_level", output);
    }

    [Fact]
    public async Task CinderDefaultTypeSet_At362_IsUsedByCreatesWithoutATypeUntilUnset()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var typeName = "mv-default-" + Guid.NewGuid().ToString("N")[..8];
        using var created = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{typeName}}}"}}""");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var (setCode, setOutput) = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.62", "default-type-set", typeName, project);
        var withDefault = await cinder.WaitSettledAsync(await cinder.CreateAcceptedAsync(1, "typed"));
        var (listCode, listOutput) = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.62", "default-type-list", "--project-id", project);
        var (unsetCode, unsetOutput) = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.62", "default-type-unset", project);
        var afterUnset = await cinder.WaitSettledAsync(await cinder.CreateAcceptedAsync(1, "untyped"));

        Assert.True(setCode == 0, setOutput);
        Assert.True(listCode == 0, listOutput);
        Assert.True(unsetCode == 0, unsetOutput);
        Assert.Contains(project, listOutput);
        Assert.Equal(typeName, withDefault!["volume_type"]!.GetValue<string>());
        Assert.Equal("__DEFAULT__", afterUnset!["volume_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task DefaultTypes_Below362_Is404()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await SendAsync(cinder, HttpMethod.Get, "default-types", "3.61");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CreateVolume_UnknownFieldAt353_Is400ButAcceptedAt352()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        const string body = """{"volume": {"size": 1, "name": "strict", "colour": "blue"}}""";

        using var at353 = await SendAsync(cinder, HttpMethod.Post, "volumes", "3.53", body);
        using var at352 = await SendAsync(cinder, HttpMethod.Post, "volumes", "3.52", body);
        var listed = await GetJsonAsync(cinder, "volumes", "3.0");

        Assert.Equal(HttpStatusCode.BadRequest, at353.StatusCode);
        Assert.Contains("'colour' was unexpected", await at353.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, at352.StatusCode);
        Assert.Single(listed["volumes"]!.AsArray());
    }

    [Fact]
    public async Task CreateSnapshot_ForceFalseAt366_Is400()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await cinder.CreateAcceptedAsync(1, "snap-source");

        using var response = await SendAsync(cinder, HttpMethod.Post, "snapshots", "3.66", $$$"""{"snapshot": {"volume_id": "{{{id}}}", "force": false}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ListPools_NameFilterAt328_KeepsOnlyThatPool()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var all = (await GetJsonAsync(cinder, "scheduler-stats/get_pools", "3.28"))["pools"]!.AsArray();
        var first = all[0]!["name"]!.GetValue<string>();

        var filtered = (await GetJsonAsync(cinder, $"scheduler-stats/get_pools?name={Uri.EscapeDataString(first)}", "3.28"))["pools"]!.AsArray();
        var unfilteredAt327 = (await GetJsonAsync(cinder, "scheduler-stats/get_pools?name=nothing-like-it", "3.27"))["pools"]!.AsArray();

        Assert.Equal([first], filtered.Select(pool => pool!["name"]!.GetValue<string>()));
        Assert.Equal(all.Count, unfilteredAt327.Count);
    }

    private static async Task<JsonObject> GetJsonAsync(CinderClient cinder, string path, string version)
    {
        using var response = await SendAsync(cinder, HttpMethod.Get, path, version);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} at {version}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await CinderClient.ReadAsync(response);
    }

    private static Task<HttpResponseMessage> SendAsync(CinderClient cinder, HttpMethod method, string path, string version, string? json = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, $"v3/{cinder.ProjectId}/{path}");
        request.Headers.Add("OpenStack-API-Version", $"volume {version}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return cinder.SendAsync(request);
    }
}
