using System.Net;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Volume type encryption (Cinder's <c>types/{id}/encryption</c>) through the real clients and raw HTTP.</summary>
[Collection(StackCollection.Name)]
public sealed class VolumeTypeEncryptionTests(StackFixture fixture)
{
    private const string Luks = """{"encryption": {"provider": "luks", "cipher": "aes-xts-plain64", "key_size": 256, "control_location": "front-end"}}""";

    [Fact]
    public async Task OpenStackCli_TypeCreateWithEncryptionSetUnset_ShowsTheEncryption()
    {
        var project = CinderClient.NewProjectId();
        var name = UniqueName("oenc");

        var created = await OpenStackJsonAsync(project, "volume", "type", "create", "--encryption-provider", "luks", "--encryption-cipher", "aes-xts-plain64",
            "--encryption-key-size", "256", "--encryption-control-location", "front-end", name);
        Assert.Equal(("luks", "aes-xts-plain64", 256, "front-end"), Fields(created["encryption"]!));

        Assert.Equal(0, (await OpenStackAsync(project, "volume", "type", "set", "--encryption-key-size", "128", "--encryption-control-location", "back-end", name)).ExitCode);
        var shown = await OpenStackJsonAsync(project, "volume", "type", "show", "--encryption-type", name);
        Assert.Equal(("luks", "aes-xts-plain64", 128, "back-end"), Fields(shown["encryption"]!));
        Assert.Equal(created["encryption"]!["encryption_id"]!.GetValue<string>(), shown["encryption"]!["encryption_id"]!.GetValue<string>());
        var listed = JsonNode.Parse((await OpenStackAsync(project, "volume", "type", "list", "--encryption-type", "-f", "json")).Output)!.AsArray();
        Assert.Equal("back-end", listed.Single(row => row!["Name"]!.GetValue<string>() == name)!["Encryption"]!["control_location"]!.GetValue<string>());

        Assert.Equal(0, (await OpenStackAsync(project, "volume", "type", "unset", "--encryption-type", name)).ExitCode);
        Assert.Empty((await OpenStackJsonAsync(project, "volume", "type", "show", "--encryption-type", name))["encryption"]!.AsObject());
    }

    [Fact]
    public async Task CinderCli_EncryptionTypeCreateUpdateDelete_PrintsTheEncryption()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var typeId = await CreateTypeAsync(cinder);

        var created = await CinderAsync(project, "encryption-type-create", "--cipher", "aes-xts-plain64", "--key-size", "256", "--control-location", "front-end", typeId, "luks");
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Matches($@"\|\s*{typeId}\s*\|\s*luks\s*\|\s*aes-xts-plain64\s*\|\s*256\s*\|\s*front-end\s*\|", created.Output);

        var updated = await CinderAsync(project, "encryption-type-update", "--key-size", "512", typeId);
        Assert.True(updated.ExitCode == 0, updated.Output);
        Assert.Matches($@"\|\s*{typeId}\s*\|\s*luks\s*\|\s*aes-xts-plain64\s*\|\s*512\s*\|", (await CinderAsync(project, "encryption-type-show", typeId)).Output);
        Assert.Matches($@"\|\s*{typeId}\s*\|\s*luks\s*\|", (await CinderAsync(project, "encryption-type-list")).Output);

        var again = await CinderAsync(project, "encryption-type-create", typeId, "plain");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains($"Volume type encryption for type {typeId} already exists. (HTTP 400)", again.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await CinderAsync(project, "encryption-type-delete", typeId)).ExitCode);
        Assert.DoesNotContain("luks", (await CinderAsync(project, "encryption-type-show", typeId)).Output, StringComparison.Ordinal);
        var gone = await CinderAsync(project, "encryption-type-delete", typeId);
        Assert.Contains($"Volume type encryption for type {typeId} does not exist. (HTTP 404)", gone.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"encryption": {"provider": "luks"}}""", "'control_location' is a required property")]
    [InlineData("""{"encryption": {"control_location": "front-end"}}""", "'provider' is a required property")]
    [InlineData("""{"encryption": {"provider": "luks", "control_location": "middle"}}""", "is not one of")]
    [InlineData("""{"encryption": {"provider": "luks", "control_location": "front-end", "key_size": -1}}""", "key_size must be a non-negative integer")]
    [InlineData("""{"encryption": {"provider": "luks", "control_location": "front-end", "colour": "blue"}}""", "'colour' was unexpected")]
    [InlineData("""{"provider": "luks"}""", "'encryption'")]
    public async Task Create_InvalidBody_Is400AndTheTypeStaysUnencrypted(string body, string message)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var typeId = await CreateTypeAsync(cinder);

        using var response = await cinder.PostRawAsync($"types/{typeId}/encryption", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await CinderClient.ReadAsync(response))["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await ShowAsync(cinder, typeId));
    }

    [Fact]
    public async Task ShowItem_KnownAndUnknownKeys_AnswerTheValueOr404()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var typeId = await CreateTypeAsync(cinder);
        using var created = await cinder.PostRawAsync($"types/{typeId}/encryption", Luks);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        using var cipher = await cinder.GetAsync($"types/{typeId}/encryption/cipher");
        using var unknown = await cinder.GetAsync($"types/{typeId}/encryption/colour");
        using var noType = await cinder.GetAsync($"types/{Guid.NewGuid()}/encryption");

        Assert.Equal("""{"cipher":"aes-xts-plain64"}""", (await CinderClient.ReadAsync(cipher)).ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noType.StatusCode);
    }

    [Fact]
    public async Task CreateVolume_OfAnEncryptedType_Is400AndNothingIsCreatedOrReserved()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var typeId = await CreateTypeAsync(cinder);
        using var encrypted = await cinder.PostRawAsync($"types/{typeId}/encryption", Luks);
        Assert.Equal(HttpStatusCode.OK, encrypted.StatusCode);

        using var response = await cinder.PostRawAsync("volumes", $$$"""{"volume": {"size": 1, "volume_type": "{{{typeId}}}"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Key manager error", (await CinderClient.ReadAsync(response))["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        using var list = await cinder.GetAsync("volumes");
        Assert.Empty((await CinderClient.ReadAsync(list))["volumes"]!.AsArray());
        using var usage = await cinder.GetAsync($"os-quota-sets/{cinder.ProjectId}?usage=True");
        Assert.Equal(0, (await CinderClient.ReadAsync(usage))["quota_set"]!["volumes"]!["reserved"]!.GetValue<int>());
    }

    [Fact]
    public async Task Encryption_OfATypeInUse_CannotBeCreatedAndRetypeToAnEncryptedTypeIs400()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var usedName = UniqueName("used");
        var usedType = await CreateTypeAsync(cinder, usedName);
        var encryptedType = await CreateTypeAsync(cinder);
        using var encrypted = await cinder.PostRawAsync($"types/{encryptedType}/encryption", Luks);
        Assert.Equal(HttpStatusCode.OK, encrypted.StatusCode);
        using var volume = await cinder.PostRawAsync("volumes", $$$"""{"volume": {"size": 1, "volume_type": "{{{usedType}}}"}}""");
        var volumeId = (await CinderClient.ReadAsync(volume))["volume"]!["id"]!.GetValue<string>();

        using var inUse = await cinder.PostRawAsync($"types/{usedType}/encryption", Luks);
        Assert.Equal(HttpStatusCode.BadRequest, inUse.StatusCode);
        Assert.Equal("Cannot create encryption specs. Volume type in use.", (await CinderClient.ReadAsync(inUse))["badRequest"]!["message"]!.GetValue<string>());
        Assert.Empty(await ShowAsync(cinder, usedType));

        Assert.Equal("available", (await cinder.WaitSettledAsync(volumeId))!["status"]!.GetValue<string>());
        using var retype = await cinder.PostRawAsync($"volumes/{volumeId}/action", $$$"""{"os-retype": {"new_type": "{{{encryptedType}}}"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, retype.StatusCode);
        using var shown = await cinder.GetAsync($"volumes/{volumeId}");
        var view = (await CinderClient.ReadAsync(shown))["volume"]!;
        Assert.Equal((usedName, false), (view["volume_type"]!.GetValue<string>(), view["encrypted"]!.GetValue<bool>()));
    }

    private static (string Provider, string Cipher, int KeySize, string ControlLocation) Fields(JsonNode encryption) =>
        (encryption["provider"]!.GetValue<string>(), encryption["cipher"]!.GetValue<string>(), encryption["key_size"]!.GetValue<int>(), encryption["control_location"]!.GetValue<string>());

    private static async Task<JsonObject> ShowAsync(CinderClient cinder, string typeId)
    {
        using var response = await cinder.GetAsync($"types/{typeId}/encryption");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await CinderClient.ReadAsync(response);
    }

    private static async Task<string> CreateTypeAsync(CinderClient cinder, string? name = null)
    {
        using var response = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{name ?? UniqueName("etype")}}}"}}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await CinderClient.ReadAsync(response))["volume_type"]!["id"]!.GetValue<string>();
    }

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private Task<JsonObject> OpenStackJsonAsync(string project, params string[] arguments) =>
        Cli.OpenStackJsonAsync(fixture.Stack.ApiUrl, project, arguments);

    private Task<(int ExitCode, string Output)> OpenStackAsync(string project, params string[] arguments) =>
        Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, arguments);

    private Task<(int ExitCode, string Output)> CinderAsync(string project, params string[] arguments) =>
        Cli.CinderAsync(fixture.Stack.ApiUrl, project, arguments);
}
