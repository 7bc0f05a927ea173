using System.Net;
using System.Text;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Per-project default types (3.62) against the types they name: Cinder's refusals and that they change nothing.</summary>
[Collection(StackCollection.Name)]
public sealed class DefaultTypeTests(StackFixture fixture)
{
    [Fact]
    public async Task DeleteType_AProjectsDefault_Is400AndTheTypeAndTheDefaultStay()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var typeId = await CreateTypeAsync(cinder);
        using (var set = await SendAsync(cinder, HttpMethod.Put, $"default-types/{project}", $$$"""{"default_type": {"volume_type": "{{{typeId}}}"}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using var delete = await cinder.DeleteAsync($"types/{typeId}");
        using var type = await cinder.GetAsync($"types/{typeId}");
        using var defaultType = await SendAsync(cinder, HttpMethod.Get, $"default-types/{project}");

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(
            $"The volume type {typeId} is a default volume type and cannot be deleted.",
            (await CinderClient.ReadAsync(delete))["badRequest"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, type.StatusCode);
        Assert.Equal(typeId, (await CinderClient.ReadAsync(defaultType))["default_type"]!["volume_type_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("no-such-type", "Volume type with name no-such-type could not be found.")]
    [InlineData("5f0c6d8e-93a1-4d2b-8f7e-1c2b3a4d5e6f", "Volume type 5f0c6d8e-93a1-4d2b-8f7e-1c2b3a4d5e6f could not be found.")]
    public async Task SetDefaultType_UnknownType_Is400AndNoDefaultIsSet(string named, string message)
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);

        using var set = await SendAsync(cinder, HttpMethod.Put, $"default-types/{project}", $$$"""{"default_type": {"volume_type": "{{{named}}}"}}""");
        using var shown = await SendAsync(cinder, HttpMethod.Get, $"default-types/{project}");

        Assert.Equal(HttpStatusCode.BadRequest, set.StatusCode);
        Assert.Equal(message, (await CinderClient.ReadAsync(set))["badRequest"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
    }

    private static async Task<string> CreateTypeAsync(CinderClient cinder)
    {
        using var created = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "dt-{{{Guid.NewGuid():N}}}"}}""");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return (await CinderClient.ReadAsync(created))["volume_type"]!["id"]!.GetValue<string>();
    }

    private static Task<HttpResponseMessage> SendAsync(CinderClient cinder, HttpMethod method, string path, string? json = null)
    {
        var request = new HttpRequestMessage(method, $"v3/{cinder.ProjectId}/{path}");
        request.Headers.Add("OpenStack-API-Version", "volume 3.62");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return cinder.SendAsync(request);
    }
}
