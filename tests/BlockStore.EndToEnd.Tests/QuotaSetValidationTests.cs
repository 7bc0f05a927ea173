using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>os-quota-sets input that Cinder refuses with a 400: a target that is no project id, an empty quota_set, a usage that is no boolean.</summary>
[Collection(StackCollection.Name)]
public sealed class QuotaSetValidationTests(StackFixture fixture)
{
    [Theory]
    [InlineData("a%23b", "a#b")]
    [InlineData("a%5Cb", "a\\b")]
    [InlineData("a%3Fb", "a?b")]
    [InlineData("300", null)]
    public async Task UpdateQuotaSet_TargetThatIsNoProjectId_Is400AndSetsNothing(string target, string? shownAs)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        if (target == "300")
        {
            target = new string('a', 300);
        }

        using var refused = await SendAsync(cinder, HttpMethod.Put, $"os-quota-sets/{target}", """{"quota_set": {"volumes": 7}}""");

        AssertBadRequest(await CinderClient.ReadAsync(refused), refused.StatusCode, $"Invalid input received: {shownAs ?? target} is not a project id.");
        using var shown = await SendAsync(cinder, HttpMethod.Get, $"os-quota-sets/{target}");
        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
    }

    [Fact]
    public async Task UpdateQuotaSet_EmptyQuotaSet_Is400AndKeepsTheLimits()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using (var set = await SendAsync(cinder, HttpMethod.Put, $"os-quota-sets/{cinder.ProjectId}", """{"quota_set": {"volumes": 7}}"""))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        using var refused = await SendAsync(cinder, HttpMethod.Put, $"os-quota-sets/{cinder.ProjectId}", """{"quota_set": {}}""");

        AssertBadRequest(await CinderClient.ReadAsync(refused), refused.StatusCode, "Invalid input for field/attribute quota_set. Value: {}. {} should be non-empty");
        using var shown = await SendAsync(cinder, HttpMethod.Get, $"os-quota-sets/{cinder.ProjectId}");
        Assert.Equal(7, (await CinderClient.ReadAsync(shown))["quota_set"]!["volumes"]!.GetValue<int>());
    }

    [Fact]
    public async Task ShowQuotaSet_UsageThatIsNoBoolean_Is400()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var refused = await SendAsync(cinder, HttpMethod.Get, $"os-quota-sets/{cinder.ProjectId}?usage=foo");
        using var withUsage = await SendAsync(cinder, HttpMethod.Get, $"os-quota-sets/{cinder.ProjectId}?usage=True");

        AssertBadRequest(await CinderClient.ReadAsync(refused), refused.StatusCode, "Value 'foo' for 'usage' is not a boolean.");
        Assert.Equal(0, (await CinderClient.ReadAsync(withUsage))["quota_set"]!["volumes"]!["in_use"]!.GetValue<int>());
    }

    private static void AssertBadRequest(JsonObject body, HttpStatusCode status, string message)
    {
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {body.ToJsonString()}");
        Assert.Equal(message, body["badRequest"]!["message"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> SendAsync(CinderClient cinder, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, $"v3/{cinder.ProjectId}/{path}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await cinder.SendAsync(request);
    }
}
