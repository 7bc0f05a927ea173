using System.Net;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Volume type rules that the CLI does not show directly: Cinder's status codes and messages.</summary>
[Collection(StackCollection.Name)]
public sealed class VolumeTypeTests(StackFixture fixture)
{
    [Fact]
    public async Task CreateType_DuplicateNameInAnyCase_Is409()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var name = $"dup-{Guid.NewGuid():N}"[..12];
        using var first = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{name}}}"}}""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{name.ToUpperInvariant()}}}"}}""");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already exists", (await CinderClient.ReadAsync(second))["conflictingRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteType_Default_Is400AndTheTypeStays()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var delete = await cinder.DeleteAsync("types/default");
        using var show = await cinder.GetAsync("types/default");

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal("__DEFAULT__", (await CinderClient.ReadAsync(show))["volume_type"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateVolume_UnknownType_Is404AndNothingIsCreated()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await cinder.PostRawAsync("volumes", """{"volume": {"size": 1, "volume_type": "no-such-type"}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Volume type with name no-such-type could not be found.", (await CinderClient.ReadAsync(response))["itemNotFound"]!["message"]!.GetValue<string>());
        using var list = await cinder.GetAsync("volumes");
        Assert.Empty((await CinderClient.ReadAsync(list))["volumes"]!.AsArray());
    }

    [Fact]
    public async Task PrivateType_AccessGrantedToAProject_IsListedWithThatProject()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var name = $"priv-{Guid.NewGuid():N}"[..13];
        using var created = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{name}}}", "os-volume-type-access:is_public": false}}""");
        var id = (await CinderClient.ReadAsync(created))["volume_type"]!["id"]!.GetValue<string>();
        var grantee = CinderClient.NewProjectId();

        using var add = await cinder.PostRawAsync($"types/{id}/action", $$$"""{"addProjectAccess": {"project": "{{{grantee}}}"}}""");
        using var access = await cinder.GetAsync($"types/{id}/os-volume-type-access");

        Assert.Equal(HttpStatusCode.Accepted, add.StatusCode);
        var entry = Assert.Single((await CinderClient.ReadAsync(access))["volume_type_access"]!.AsArray())!;
        Assert.Equal((id, grantee), (entry["volume_type_id"]!.GetValue<string>(), entry["project_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ExtraSpecs_BadKey_Is400()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var created = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{Guid.NewGuid():N}}}"}}""");
        var id = (await CinderClient.ReadAsync(created))["volume_type"]!["id"]!.GetValue<string>();

        using var response = await cinder.PostRawAsync($"types/{id}/extra_specs", """{"extra_specs": {"bad*key": "1"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsType<JsonObject>((await CinderClient.ReadAsync(response))["badRequest"]);
    }
}
