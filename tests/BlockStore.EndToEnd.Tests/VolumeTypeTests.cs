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

    [Fact]
    public async Task ExtraSpecs_ChangedOnATypeInUse_Is400AndTheSpecsStay()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await CreateTypeAsync(cinder, """{"tier": "gold"}""");
        using (var volume = await cinder.PostRawAsync("volumes", $$$"""{"volume": {"size": 1, "volume_type": "{{{id}}}"}}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, volume.StatusCode);
            await cinder.WaitSettledAsync((await CinderClient.ReadAsync(volume))["volume"]!["id"]!.GetValue<string>());
        }

        using var create = await cinder.PostRawAsync($"types/{id}/extra_specs", """{"extra_specs": {"replication": "off"}}""");
        using var update = await PutAsync(cinder, $"types/{id}/extra_specs/tier", """{"tier": "silver"}""");
        using var delete = await cinder.DeleteAsync($"types/{id}/extra_specs/tier");
        using var specs = await cinder.GetAsync($"types/{id}/extra_specs");

        foreach (var refused in new[] { create, update, delete })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("Volume Type is currently in use.", (await CinderClient.ReadAsync(refused))["badRequest"]!["message"]!.GetValue<string>());
        }

        Assert.Equal("""{"tier":"gold"}""", (await CinderClient.ReadAsync(specs))["extra_specs"]!.ToJsonString());
    }

    [Theory]
    [InlineData("1", "Value: 1. 1 is not of type 'string', 'null'")]
    [InlineData("true", "Value: True. True is not of type 'string', 'null'")]
    public async Task CreateType_NonStringSpecValue_Is400AndNoTypeIsCreated(string value, string message)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var name = $"ns-{Guid.NewGuid():N}";

        using var create = await cinder.PostRawAsync("types", $$$$"""{"volume_type": {"name": "{{{{name}}}}", "extra_specs": {"k": {{{{value}}}}}}}""");
        using var shown = await cinder.GetAsync($"types/{name}");

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal($"Invalid input for field/attribute k. {message}", (await CinderClient.ReadAsync(create))["badRequest"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
    }

    [Fact]
    public async Task SetExtraSpecs_NonStringValue_Is400AndTheSpecsStay()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await CreateTypeAsync(cinder, """{"k": "v"}""");

        using var create = await cinder.PostRawAsync($"types/{id}/extra_specs", """{"extra_specs": {"k": 1}}""");
        using var update = await PutAsync(cinder, $"types/{id}/extra_specs/k", """{"k": 2}""");
        using var specs = await cinder.GetAsync($"types/{id}/extra_specs");

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal("Invalid input for field/attribute k. Value: 1. 1 is not of type 'string', 'null'", (await CinderClient.ReadAsync(create))["badRequest"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Equal("Invalid input for field/attribute k. Value: 2. 2 is not of type 'string', 'null'", (await CinderClient.ReadAsync(update))["badRequest"]!["message"]!.GetValue<string>());
        Assert.Equal("""{"k":"v"}""", (await CinderClient.ReadAsync(specs))["extra_specs"]!.ToJsonString());
    }

    /// <summary>160 specs of 200 characters are valid for Cinder but more than the one Table property they are kept in holds.</summary>
    [Fact]
    public async Task SetExtraSpecs_MoreThanCanBeStored_Is413AndTheSpecsStay()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await CreateTypeAsync(cinder, """{"k": "v"}""");

        using var set = await cinder.PostRawAsync($"types/{id}/extra_specs", new JsonObject { ["extra_specs"] = ManySpecs() }.ToJsonString());
        using var specs = await cinder.GetAsync($"types/{id}/extra_specs");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, set.StatusCode);
        Assert.Matches("^Extra specs too large: stored, they would take [0-9]+ characters, and a volume type holds at most 32768[.]$", (await CinderClient.ReadAsync(set))["overLimit"]!["message"]!.GetValue<string>());
        Assert.Equal("""{"k":"v"}""", (await CinderClient.ReadAsync(specs))["extra_specs"]!.ToJsonString());
    }

    [Fact]
    public async Task CreateType_MoreSpecsThanCanBeStored_Is413AndNoTypeIsCreated()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var name = $"big-{Guid.NewGuid():N}";

        using var create = await cinder.PostRawAsync("types", new JsonObject { ["volume_type"] = new JsonObject { ["name"] = name, ["extra_specs"] = ManySpecs() } }.ToJsonString());
        using var shown = await cinder.GetAsync($"types/{name}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, create.StatusCode);
        Assert.StartsWith("Extra specs too large: ", (await CinderClient.ReadAsync(create))["overLimit"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
    }

    private static JsonObject ManySpecs() => new(Enumerable.Range(0, 160).Select(i => KeyValuePair.Create($"key{i:D3}", (JsonNode?)new string('x', 200))));

    private static async Task<string> CreateTypeAsync(CinderClient cinder, string extraSpecs)
    {
        using var created = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{Guid.NewGuid():N}}}", "extra_specs": {{{extraSpecs}}}}}""");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return (await CinderClient.ReadAsync(created))["volume_type"]!["id"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> PutAsync(CinderClient cinder, string path, string json) =>
        cinder.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"v3/{cinder.ProjectId}/{path}") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
}
