using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Cinder's list paging, sorting and filters, as clients page through long lists.</summary>
[Collection(StackCollection.Name)]
public sealed class ListingTests(StackFixture fixture)
{
    [Fact]
    public async Task ListVolumes_LimitTwoOfThree_GivesANextLinkThatReturnsTheRest()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        foreach (var name in new[] { "a", "b", "c" })
        {
            await cinder.CreateAcceptedAsync(1, name);
        }

        using var first = await cinder.GetAsync("volumes?limit=2&sort=name:asc");
        var firstBody = await CinderClient.ReadAsync(first);
        var next = firstBody["volumes_links"]![0]!["href"]!.GetValue<string>();
        using var http = new HttpClient();
        var second = JsonNode.Parse(await http.GetStringAsync(next))!;

        Assert.Equal(["a", "b"], Names(firstBody));
        Assert.Equal(["c"], Names(second));
        Assert.Null(second["volumes_links"]);
    }

    [Fact]
    public async Task ListVolumes_BadSortKey_Is400()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await cinder.GetAsync("volumes?sort=password:asc");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ListVolumes_MetadataFilterAsTheClientSendsIt_MatchesOnlyTaggedVolumes()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var tagged = await cinder.PostRawAsync("volumes", """{"volume": {"size": 1, "name": "tagged", "metadata": {"tier": "gold"}}}""");
        await cinder.CreateAcceptedAsync(1, "plain");

        using var response = await cinder.GetAsync("volumes/detail?metadata=%7B%27tier%27%3A+%27gold%27%7D");

        Assert.Equal(["tagged"], Names(await CinderClient.ReadAsync(response)));
    }

    private static string[] Names(JsonNode body) =>
        [.. body["volumes"]!.AsArray().Select(volume => volume!["name"]!.GetValue<string>())];
}
