using System.Net;

namespace BlockStore.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public sealed class VersionTests(StackFixture fixture)
{
    [Fact]
    public async Task Root_VersionDocument_Is300WithV3AndTheImplementedRange()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(fixture.Stack.ApiUrl + "/");
        var body = await CinderClient.ReadAsync(response);

        Assert.Equal(HttpStatusCode.MultipleChoices, response.StatusCode);
        var version = body["versions"]![0]!;
        Assert.Equal(("v3.0", "CURRENT", "3.0", "3.70"), (version["id"]!.GetValue<string>(), version["status"]!.GetValue<string>(), version["min_version"]!.GetValue<string>(), version["version"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Request_MicroversionAboveMaximum_Is406()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Stack.ApiUrl}/v3/{CinderClient.NewProjectId()}/volumes");
        request.Headers.Add("OpenStack-API-Version", "volume 3.71");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }
}
