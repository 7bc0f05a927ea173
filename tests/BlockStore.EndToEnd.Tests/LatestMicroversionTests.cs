using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// Microversions 3.67 to 3.70 (Cinder Zed's maximum): the clients settle on 3.70, os-reimage (3.68) is refused as by
/// a Cinder whose policy denies it (there is no image service), shared_targets (3.69) stays a boolean here, and a
/// transfer at 3.70 works as below it (no volume here is encrypted).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class LatestMicroversionTests(StackFixture fixture)
{
    private const string ImageId = "6b1a2f3c-9d4e-4f5a-8b6c-7d8e9f0a1b2c";

    [Fact]
    public async Task CinderReimage_At368_PrintsThePolicyRefusalAndTheVolumeStaysAvailable()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var id = await cinder.CreateAcceptedAsync(1, "keep");
        await cinder.WaitSettledAsync(id);

        var (exitCode, output) = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.70", "reimage", id, ImageId);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Policy doesn't allow volume:reimage to be performed. (HTTP 403)", output, StringComparison.Ordinal);
        Assert.Equal("available", (await cinder.WaitSettledAsync(id))!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("3.67", """{"os-reimage": {"image_id": "6b1a2f3c-9d4e-4f5a-8b6c-7d8e9f0a1b2c"}}""", HttpStatusCode.BadRequest, "There is no such action: os-reimage")]
    [InlineData("3.68", """{"os-reimage": {}}""", HttpStatusCode.BadRequest, "'image_id' is a required property")]
    [InlineData("3.68", """{"os-reimage": {"image_id": "not-a-uuid"}}""", HttpStatusCode.BadRequest, "is not a 'uuid'")]
    [InlineData("3.68", """{"os-reimage": {"image_id": "6b1a2f3c-9d4e-4f5a-8b6c-7d8e9f0a1b2c", "reimage_reserved": "maybe"}}""", HttpStatusCode.BadRequest, "is not of type 'boolean'")]
    [InlineData("3.68", """{"os-reimage": {"image_id": "6b1a2f3c-9d4e-4f5a-8b6c-7d8e9f0a1b2c", "size": 2}}""", HttpStatusCode.BadRequest, "'size' was unexpected")]
    [InlineData("3.70", """{"os-reimage": {"image_id": "6b1a2f3c-9d4e-4f5a-8b6c-7d8e9f0a1b2c", "reimage_reserved": true}}""", HttpStatusCode.Forbidden, "Policy doesn't allow volume:reimage to be performed.")]
    public async Task Reimage_ByVersionAndBody_AnswersAsCinderAndChangesNothing(string version, string body, HttpStatusCode expected, string message)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await cinder.CreateAcceptedAsync(1, "keep");
        await cinder.WaitSettledAsync(id);

        using var response = await SendAsync(cinder, HttpMethod.Post, $"volumes/{id}/action", version, body);

        Assert.Equal(expected, response.StatusCode);
        var fault = Assert.Single(await CinderClient.ReadAsync(response)).Value!;
        Assert.Contains(message, fault["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var volume = (await cinder.WaitSettledAsync(id))!;
        Assert.Equal(("available", 1), (volume["status"]!.GetValue<string>(), volume["size"]!.GetValue<int>()));
    }

    [Fact]
    public async Task VolumeShow_At369_SharedTargetsIsABooleanNeverNull()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await cinder.CreateAcceptedAsync(1, "shared");
        await cinder.WaitSettledAsync(id);

        using var response = await SendAsync(cinder, HttpMethod.Get, $"volumes/{id}", "3.69");

        Assert.Equal("volume 3.69", response.Headers.GetValues("OpenStack-API-Version").Single());
        Assert.Equal(System.Text.Json.JsonValueKind.False, (await CinderClient.ReadAsync(response))["volume"]!["shared_targets"]?.GetValueKind());
    }

    [Fact]
    public async Task TransferCreateAndAccept_At370_MoveTheVolume()
    {
        using var source = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var target = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var id = await source.CreateAcceptedAsync(1, "moving");
        await source.WaitSettledAsync(id);

        using var created = await SendAsync(source, HttpMethod.Post, "volume-transfers", "3.70", $$$"""{"transfer": {"volume_id": "{{{id}}}", "name": "t"}}""");
        var transfer = (await CinderClient.ReadAsync(created))["transfer"]!;
        using var accepted = await SendAsync(target, HttpMethod.Post, $"volume-transfers/{transfer["id"]}/accept", "3.70",
            $$$"""{"accept": {"auth_key": "{{{transfer["auth_key"]}}}"}}""");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (created.StatusCode, accepted.StatusCode));
        using var moved = await target.GetAsync($"volumes/{id}");
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
    }

    [Fact]
    public async Task Clients_AskingFor370_AreServedAt370()
    {
        var project = CinderClient.NewProjectId();

        var (cinderExit, cinderOutput) = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.70", "api-version");
        var (openstackExit, openstackOutput) = await Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.70", "volume", "list", "-f", "json");

        Assert.True(cinderExit == 0, cinderOutput);
        Assert.Matches(@"\|\s*3\.70\s*\|", cinderOutput);
        Assert.True(openstackExit == 0, openstackOutput);
        Assert.Empty(JsonNode.Parse(openstackOutput)!.AsArray());
    }

    private static Task<HttpResponseMessage> SendAsync(CinderClient cinder, HttpMethod method, string path, string version, string? body = null)
    {
        var request = new HttpRequestMessage(method, $"v3/{cinder.ProjectId}/{path}");
        request.Headers.Add("OpenStack-API-Version", $"volume {version}");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return cinder.SendAsync(request);
    }
}
