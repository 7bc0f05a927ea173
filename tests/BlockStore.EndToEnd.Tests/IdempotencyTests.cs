using System.Net;
using System.Text;

namespace BlockStore.EndToEnd.Tests;

/// <summary><c>Idempotency-Key</c> on creates: a retried create never makes a second volume or snapshot.</summary>
[Collection(StackCollection.Name)]
public sealed class IdempotencyTests(StackFixture fixture)
{
    private const string Body = """{"volume": {"size": 1, "name": "once"}}""";

    [Fact]
    public async Task CreateVolume_SameKeyAndBodyTwice_ReturnsTheFirstVolumeAndCreatesOne()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var key = Guid.NewGuid().ToString();

        var (firstStatus, firstId) = await CreateAsync(cinder, key, Body);
        var (secondStatus, secondId) = await CreateAsync(cinder, key, Body);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (firstStatus, secondStatus));
        Assert.Equal(firstId, secondId);
        using var list = await cinder.GetAsync("volumes");
        Assert.Single((await CinderClient.ReadAsync(list))["volumes"]!.AsArray());
    }

    [Fact]
    public async Task CreateVolume_SameKeyOtherBody_Is409AndCreatesNothingMore()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var key = Guid.NewGuid().ToString();
        await CreateAsync(cinder, key, Body);

        var (status, _) = await CreateAsync(cinder, key, """{"volume": {"size": 2, "name": "other"}}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        using var list = await cinder.GetAsync("volumes");
        Assert.Single((await CinderClient.ReadAsync(list))["volumes"]!.AsArray());
    }

    [Fact]
    public async Task CreateVolume_TenConcurrentRetriesWithOneKey_MakeOneVolumeAndAllSeeIt()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var key = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CreateAsync(cinder, key, Body)));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.Accepted, result.Status));
        Assert.Single(results.Select(result => result.Id).Distinct());
        using var list = await cinder.GetAsync("volumes");
        Assert.Single((await CinderClient.ReadAsync(list))["volumes"]!.AsArray());
    }

    private static async Task<(HttpStatusCode Status, string? Id)> CreateAsync(CinderClient cinder, string key, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{cinder.BaseUrl}/v3/{cinder.ProjectId}/volumes")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await cinder.SendAsync(request);
        var json = await CinderClient.ReadAsync(response);
        return (response.StatusCode, json["volume"]?["id"]?.GetValue<string>());
    }
}
