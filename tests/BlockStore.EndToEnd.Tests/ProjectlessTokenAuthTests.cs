using System.Net;
using System.Text;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Project-less URLs with API tokens: a token acts in its own project, and another project's volume stays a 404.</summary>
public sealed class ProjectlessTokenAuthTests(TokenAuthFixture fixture) : IClassFixture<TokenAuthFixture>
{
    [Fact]
    public async Task MemberToken_CreateAndShowWithoutProject_ActInTheTokensProject()
    {
        var project = CinderClient.NewProjectId();
        var token = await fixture.IssueAsync(project, "member");

        using var created = await SendAsync(HttpMethod.Post, "v3/volumes", token, """{"volume": {"size": 1, "name": "mine"}}""");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await CinderClient.ReadAsync(created))["volume"]!["id"]!.GetValue<string>();
        using var shown = await SendAsync(HttpMethod.Get, $"v3/volumes/{id}", token);
        using var throughProject = await SendAsync(HttpMethod.Get, $"v3/{project}/volumes/{id}", token);
        using var listed = await SendAsync(HttpMethod.Get, "v3/volumes", token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (shown.StatusCode, throughProject.StatusCode));
        Assert.Equal(project, (await CinderClient.ReadAsync(throughProject))["volume"]!["os-vol-tenant-attr:tenant_id"]!.GetValue<string>());
        Assert.Equal([id], (await CinderClient.ReadAsync(listed))["volumes"]!.AsArray().Select(volume => volume!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task MemberToken_AnotherProjectsVolumeWithoutProject_Is404AndUntouched()
    {
        var owner = CinderClient.NewProjectId();
        var ownerToken = await fixture.IssueAsync(owner, "member");
        using var created = await SendAsync(HttpMethod.Post, "v3/volumes", ownerToken, """{"volume": {"size": 1}}""");
        var id = (await CinderClient.ReadAsync(created))["volume"]!["id"]!.GetValue<string>();
        var stranger = await fixture.IssueAsync(CinderClient.NewProjectId(), "member");

        using var shown = await SendAsync(HttpMethod.Get, $"v3/volumes/{id}", stranger);
        using var deleted = await SendAsync(HttpMethod.Delete, $"v3/volumes/{id}", stranger);
        using var listed = await SendAsync(HttpMethod.Get, "v3/volumes", stranger);
        using var stillThere = await SendAsync(HttpMethod.Get, $"v3/volumes/{id}", ownerToken);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK), (shown.StatusCode, deleted.StatusCode, stillThere.StatusCode));
        Assert.Empty((await CinderClient.ReadAsync(listed))["volumes"]!.AsArray());
    }

    [Fact]
    public async Task ReaderToken_WithoutProject_ListsButMayNotCreate()
    {
        var token = await fixture.IssueAsync(CinderClient.NewProjectId(), "reader");

        using var list = await SendAsync(HttpMethod.Get, "v3/volumes/detail", token);
        using var create = await SendAsync(HttpMethod.Post, "v3/volumes", token, """{"volume": {"size": 1}}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (list.StatusCode, create.StatusCode));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bst_not-a-real-token")]
    public async Task Request_WithoutProjectAndWithoutAValidToken_Is401(string? token)
    {
        using var response = await SendAsync(HttpMethod.Get, "v3/volumes", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminToken_QuotaShowWithoutProject_NamesTheTargetProject()
    {
        var target = CinderClient.NewProjectId();

        using var update = await SendAsync(HttpMethod.Put, $"v3/os-quota-sets/{target}", fixture.Stack.AdminToken, """{"quota_set": {"snapshots": 3}}""");
        using var shown = await SendAsync(HttpMethod.Get, $"v3/os-quota-sets/{target}", fixture.Stack.AdminToken);

        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(3, (await CinderClient.ReadAsync(shown))["quota_set"]!["snapshots"]!.GetValue<int>());
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? body = null) =>
        CinderClient.SendWithTokenAsync(fixture.Stack.ApiUrl, method, path, token, body);
}
