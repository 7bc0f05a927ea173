using System.Net;
using System.Text;

namespace BlockStore.EndToEnd.Tests;

/// <summary>A trailing slash after a collection is Cinder's empty member id: 404 for every method, while a real 405 stays one.</summary>
[Collection(StackCollection.Name)]
public sealed class EmptyIdTests(StackFixture fixture)
{
    [Theory]
    [InlineData("DELETE", "volumes/")]
    [InlineData("PUT", "volumes/")]
    [InlineData("DELETE", "snapshots/")]
    [InlineData("PUT", "snapshots/")]
    public async Task EmptyId_DeleteOrUpdate_Is404ItemNotFound(string method, string path)
    {
        using var response = await SendAsync(method, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await CinderClient.ReadAsync(response))["itemNotFound"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnsupportedMethodOnTheCollection_WithoutSlash_StaysA405()
    {
        using var response = await SendAsync("DELETE", "volumes");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var request = new HttpRequestMessage(new HttpMethod(method), $"v3/{cinder.ProjectId}/{path}")
        {
            Content = new StringContent("""{"volume": {"name": "x"}}""", Encoding.UTF8, "application/json"),
        };
        return await cinder.SendAsync(request);
    }
}
