using System.Net;
using System.Text;

namespace BlockStore.EndToEnd.Tests;

/// <summary>API tokens: scoped to a project and a role, agents with their own tokens, another project's URL a 404.</summary>
public sealed class TokenAuthTests(TokenAuthFixture fixture) : IClassFixture<TokenAuthFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("bst_not-a-real-token")]
    public async Task Request_WithoutAValidToken_Is401(string? token)
    {
        using var response = await SendAsync(HttpMethod.Get, $"v3/{CinderClient.NewProjectId()}/volumes", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task MemberToken_CreatesInItsProjectAndTheAgentsTokenCompletesIt_OtherProjectIs404()
    {
        var project = CinderClient.NewProjectId();
        var token = await fixture.IssueAsync(project, "member");

        using var created = await SendAsync(HttpMethod.Post, $"v3/{project}/volumes", token, """{"volume": {"size": 1, "name": "mine"}}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await CinderClient.ReadAsync(created))["volume"]!["id"]!.GetValue<string>();
        var status = "creating";
        for (var attempt = 0; attempt < 200 && status == "creating"; attempt++)
        {
            await Task.Delay(50);
            using var shown = await SendAsync(HttpMethod.Get, $"v3/{project}/volumes/{id}", token);
            status = (await CinderClient.ReadAsync(shown))["volume"]!["status"]!.GetValue<string>();
        }

        Assert.Equal("available", status);
        using var elsewhere = await SendAsync(HttpMethod.Get, $"v3/{CinderClient.NewProjectId()}/volumes", token);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task MemberToken_AnotherProjectsVolumeThroughItsOwnUrl_Is404()
    {
        var owner = CinderClient.NewProjectId();
        var stranger = CinderClient.NewProjectId();
        using var created = await SendAsync(HttpMethod.Post, $"v3/{owner}/volumes", await fixture.IssueAsync(owner, "member"), """{"volume": {"size": 1}}""");
        var id = (await CinderClient.ReadAsync(created))["volume"]!["id"]!.GetValue<string>();

        using var response = await SendAsync(HttpMethod.Get, $"v3/{stranger}/volumes/{id}", await fixture.IssueAsync(stranger, "member"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ReaderToken_CanListButNotCreate()
    {
        var project = CinderClient.NewProjectId();
        var token = await fixture.IssueAsync(project, "reader");

        using var list = await SendAsync(HttpMethod.Get, $"v3/{project}/volumes", token);
        using var create = await SendAsync(HttpMethod.Post, $"v3/{project}/volumes", token, """{"volume": {"size": 1}}""");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    /// <summary>3.52's extra_specs filter, as Cinder: a member finds nothing by a spec only admins see, and finds by the ones it may see.</summary>
    [Fact]
    public async Task ListTypes_MemberFiltersByASpecItCannotSee_FindsNothing()
    {
        var project = CinderClient.NewProjectId();
        var member = await fixture.IssueAsync(project, "member");
        var typeName = $"probe-{Guid.NewGuid():N}";
        using (var created = await SendAsync(HttpMethod.Post, $"v3/{project}/types", fixture.Stack.AdminToken,
            $$$$"""{"volume_type": {"name": "{{{{typeName}}}}", "extra_specs": {"secret_backend": "{{{{typeName}}}}", "multiattach": "<is> True"}}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        async Task<string[]> ListAsync(string? token, string filter)
        {
            using var listed = await SendAsync(HttpMethod.Get, $"v3/{project}/types?extra_specs={Uri.EscapeDataString(filter)}", token, version: "3.52");
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
            return [.. (await CinderClient.ReadAsync(listed))["volume_types"]!.AsArray().Select(type => type!["name"]!.GetValue<string>())];
        }

        var hiddenByMember = await ListAsync(member, $$$"""{'secret_backend': '{{{typeName}}}'}""");
        var hiddenByAdmin = await ListAsync(fixture.Stack.AdminToken, $$$"""{'secret_backend': '{{{typeName}}}'}""");
        var visibleByMember = await ListAsync(member, "{'multiattach': '<is> True'}");

        Assert.Empty(hiddenByMember);
        Assert.Equal([typeName], hiddenByAdmin);
        Assert.Contains(typeName, visibleByMember);
    }

    /// <summary>From 3.58 a group's view names its project, behind Cinder's admin-only group:group_project_attribute.</summary>
    [Fact]
    public async Task GroupView_At358_NamesTheProjectToAnAdminOnly()
    {
        var project = CinderClient.NewProjectId();
        var (member, admin) = (await fixture.IssueAsync(project, "member"), fixture.Stack.AdminToken);
        var typeName = $"gv-{Guid.NewGuid():N}";
        using (var type = await SendAsync(HttpMethod.Post, $"v3/{project}/types", admin, $$$"""{"volume_type": {"name": "{{{typeName}}}"}}"""))
        using (var groupType = await SendAsync(HttpMethod.Post, $"v3/{project}/group_types", admin, $$$"""{"group_type": {"name": "{{{typeName}}}"}}""", "3.11"))
        {
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Accepted), (type.StatusCode, groupType.StatusCode));
        }

        using var created = await SendAsync(HttpMethod.Post, $"v3/{project}/groups", member,
            $$$"""{"group": {"name": "g", "group_type": "{{{typeName}}}", "volume_types": ["{{{typeName}}}"]}}""", "3.13");
        var groupId = (await CinderClient.ReadAsync(created))["group"]?["id"]?.GetValue<string>();
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, groupId);

        using var byMember = await SendAsync(HttpMethod.Get, $"v3/{project}/groups/{groupId}", member, null, "3.58");
        using var byAdmin = await SendAsync(HttpMethod.Get, $"v3/{project}/groups/{groupId}", admin, null, "3.58");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (byMember.StatusCode, byAdmin.StatusCode));
        Assert.False((await CinderClient.ReadAsync(byMember))["group"]!.AsObject().ContainsKey("project_id"));
        Assert.Equal(project, (await CinderClient.ReadAsync(byAdmin))["group"]!["project_id"]?.GetValue<string>());
    }

    [Fact]
    public async Task TypeCreate_IsAdminOnly()
    {
        var project = CinderClient.NewProjectId();
        var member = await fixture.IssueAsync(project, "member");
        var body = $$$"""{"volume_type": {"name": "{{{Guid.NewGuid():N}}}"}}""";

        using var byMember = await SendAsync(HttpMethod.Post, $"v3/{project}/types", member, body);
        using var byAdmin = await SendAsync(HttpMethod.Post, $"v3/{project}/types", fixture.Stack.AdminToken, body);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK), (byMember.StatusCode, byAdmin.StatusCode));
    }

    [Fact]
    public async Task AgentToken_MayNotReportForAnotherHostNorUseTheVolumeApi()
    {
        var agent = await fixture.Stack.IssueTokenAsync(["issue", "--agent", "honest"]);

        using var forged = await SendAsync(HttpMethod.Post, "agent/v1/capacity", agent,
            """{"backendHost":"secure@file","pools":[{"poolName":"file","availabilityZone":"nova","totalCapacityGib":1,"freeCapacityGib":1}]}""");
        using var own = await SendAsync(HttpMethod.Post, "agent/v1/capacity", agent,
            """{"backendHost":"honest@file","pools":[{"poolName":"file","availabilityZone":"elsewhere","totalCapacityGib":1,"freeCapacityGib":1}]}""");
        using var volumes = await SendAsync(HttpMethod.Get, $"v3/{CinderClient.NewProjectId()}/volumes", agent);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.NoContent, HttpStatusCode.Forbidden), (forged.StatusCode, own.StatusCode, volumes.StatusCode));
    }

    [Fact]
    public async Task RevokedToken_IsRefused()
    {
        var project = CinderClient.NewProjectId();
        var token = await fixture.IssueAsync(project, "member");
        using var before = await SendAsync(HttpMethod.Get, $"v3/{project}/volumes", token);

        await fixture.Stack.IssueTokenAsync(["revoke", token]);
        using var after = await SendAsync(HttpMethod.Get, $"v3/{project}/volumes", token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (before.StatusCode, after.StatusCode));
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body = null, string? version = null) =>
        CinderClient.SendWithTokenAsync(fixture.Stack.ApiUrl, method, path, token, body, version);
}
