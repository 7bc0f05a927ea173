using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// Keystone mode against a real Keystone: the real <c>openstack</c> CLI with password authentication and Keystone's
/// catalog, roles as Cinder's default policy (member acts in its project, reader only looks, admin sees all projects),
/// another project's URL a 404, and keystonemiddleware's 401.
/// </summary>
public sealed class KeystoneAuthTests(KeystoneFixture fixture, ITestOutputHelper output) : IClassFixture<KeystoneFixture>
{
    // `openstack volume create` also asks the catalog for Glance (absent here), so creates go through the API itself.
    [Fact]
    public async Task OpenStackCli_MemberWithPasswordAuth_ListsShowsAndDeletesInItsProject()
    {
        output.WriteLine($"Keystone started in {fixture.KeystoneStartupTime.TotalSeconds:F1}s");
        var token = await fixture.TokenAsync(fixture.MemberName);
        using var created = await SendAsync(HttpMethod.Post, $"v3/{fixture.ProjectId}/volumes", token, """{"volume": {"size": 1, "name": "by-member"}}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await CinderClient.ReadAsync(created))["volume"]!["id"]!.GetValue<string>();
        Assert.Equal("available", await WaitForStatusAsync(token, id));

        var listed = await fixture.OpenStackAsync(fixture.MemberName, "volume", "list", "-f", "json");
        var shown = await fixture.OpenStackAsync(fixture.MemberName, "volume", "show", id, "-f", "json");
        var deleted = await fixture.OpenStackAsync(fixture.MemberName, "volume", "delete", id);

        Assert.True(listed.ExitCode == 0, listed.Output);
        Assert.Contains(JsonNode.Parse(listed.Output)!.AsArray(), volume => volume!["ID"]!.GetValue<string>() == id);
        Assert.Equal(("available", 1), (JsonNode.Parse(shown.Output)!["status"]!.GetValue<string>(), JsonNode.Parse(shown.Output)!["size"]!.GetValue<int>()));
        Assert.True(deleted.ExitCode == 0, deleted.Output);
    }

    [Fact]
    public async Task MemberToken_AnotherProjectsUrl_Is404()
    {
        var token = await fixture.TokenAsync(fixture.MemberName);

        using var own = await SendAsync(HttpMethod.Get, $"v3/{fixture.ProjectId}/volumes", token);
        using var other = await SendAsync(HttpMethod.Get, $"v3/{CinderClient.NewProjectId()}/volumes", token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (own.StatusCode, other.StatusCode));
    }

    [Fact]
    public async Task MemberToken_ProjectlessUrls_ActInTheTokensProject()
    {
        var token = await fixture.TokenAsync(fixture.MemberName);

        using var created = await SendAsync(HttpMethod.Post, "v3/volumes", token, """{"volume": {"size": 1, "name": "projectless"}}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await CinderClient.ReadAsync(created))["volume"]!["id"]!.GetValue<string>();
        using var throughProject = await SendAsync(HttpMethod.Get, $"v3/{fixture.ProjectId}/volumes/{id}", token);
        using var listed = await SendAsync(HttpMethod.Get, "v3/volumes", token);

        Assert.Equal(HttpStatusCode.OK, throughProject.StatusCode);
        Assert.Contains(id, (await CinderClient.ReadAsync(listed)).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_ListsWithTheCliButCreateIs403()
    {
        var listed = await fixture.OpenStackAsync(fixture.ReaderName, "volume", "list");
        using var created = await SendAsync(HttpMethod.Post, $"v3/{fixture.ProjectId}/volumes", await fixture.TokenAsync(fixture.ReaderName),
            """{"volume": {"size": 1, "name": "not-allowed"}}""");

        Assert.True(listed.ExitCode == 0, listed.Output);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gAAAAABnot-a-real-fernet-token")]
    public async Task Request_WithoutAValidToken_Is401WithKeystonesHeaderAndBody(string? token)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v3/{fixture.ProjectId}/volumes", token);
        var body = await CinderClient.ReadAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal($"Keystone uri=\"{fixture.Keystone.AuthUrl[..^"/v3".Length]}\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal((401, "Unauthorized", "The request you have made requires authentication."),
            (body["error"]!["code"]!.GetValue<int>(), body["error"]!["title"]!.GetValue<string>(), body["error"]!["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OpenStackCli_AdminAllProjects_ListsAMembersVolume()
    {
        using var created = await SendAsync(HttpMethod.Post, $"v3/{fixture.ProjectId}/volumes", await fixture.TokenAsync(fixture.MemberName),
            """{"volume": {"size": 1, "name": "seen-by-admin"}}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await CinderClient.ReadAsync(created))["volume"]!["id"]!.GetValue<string>();

        var all = await fixture.OpenStackAsync("admin", "volume", "list", "--all-projects", "-f", "json");
        var own = await fixture.OpenStackAsync("admin", "volume", "list", "-f", "json");

        Assert.True(all.ExitCode == 0, all.Output);
        Assert.Contains(JsonNode.Parse(all.Output)!.AsArray(), volume => volume!["ID"]!.GetValue<string>() == id);
        Assert.DoesNotContain(JsonNode.Parse(own.Output)!.AsArray(), volume => volume!["ID"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task MemberToken_PrivateVolumeType_Is404UntilItsProjectIsGrantedAccess()
    {
        var admin = await fixture.TokenAsync("admin");
        var member = await fixture.TokenAsync(fixture.MemberName);
        using var typeCreated = await SendAsync(HttpMethod.Post, $"v3/{fixture.ProjectId}/types", admin,
            $$$"""{"volume_type": {"name": "private-{{{Guid.NewGuid():N}}}", "os-volume-type-access:is_public": false}}""");
        var typeId = (await CinderClient.ReadAsync(typeCreated))["volume_type"]!["id"]!.GetValue<string>();
        var volume = $$$"""{"volume": {"size": 1, "volume_type": "{{{typeId}}}"}}""";

        using var refused = await SendAsync(HttpMethod.Post, $"v3/{fixture.ProjectId}/volumes", member, volume);
        using var typeShown = await SendAsync(HttpMethod.Get, $"v3/{fixture.ProjectId}/types/{typeId}", member);
        using var granted = await SendAsync(HttpMethod.Post, $"v3/{fixture.ProjectId}/types/{typeId}/action", admin,
            $$$"""{"addProjectAccess": {"project": "{{{fixture.ProjectId}}}"}}""");
        using var accepted = await SendAsync(HttpMethod.Post, $"v3/{fixture.ProjectId}/volumes", member, volume);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Accepted, HttpStatusCode.Accepted),
            (refused.StatusCode, typeShown.StatusCode, granted.StatusCode, accepted.StatusCode));
    }

    private async Task<string> WaitForStatusAsync(string token, string id)
    {
        var status = "creating";
        for (var attempt = 0; attempt < 600 && status == "creating"; attempt++)
        {
            await Task.Delay(100);
            using var shown = await SendAsync(HttpMethod.Get, $"v3/{fixture.ProjectId}/volumes/{id}", token);
            status = (await CinderClient.ReadAsync(shown))["volume"]!["status"]!.GetValue<string>();
        }

        return status;
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body = null) =>
        CinderClient.SendWithTokenAsync(fixture.Stack.ApiUrl, method, path, token, body);
}
