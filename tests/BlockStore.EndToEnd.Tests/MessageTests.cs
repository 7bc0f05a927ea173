using System.Net;
using System.Text.RegularExpressions;

namespace BlockStore.EndToEnd.Tests;

/// <summary>User messages (3.3): an asynchronous failure leaves one that says what failed and why.</summary>
[Collection(StackCollection.Name)]
public sealed class MessageTests(StackFixture fixture)
{
    [Fact]
    public async Task FailedCreate_LeavesAMessageTheCinderClientLists()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var id = await cinder.CreateAcceptedAsync(1, "doomed", availabilityZone: "broken");
        await cinder.WaitSettledAsync(id);

        var listed = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.3", "message-list");

        Assert.True(listed.ExitCode == 0, listed.Output);
        Assert.True(MessageRow(id).IsMatch(listed.Output), listed.Output);
    }

    [Fact]
    public async Task Messages_BelowMicroversion33_AreNotThere()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var response = await cinder.GetAsync("messages");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Regex MessageRow(string resourceId) =>
        new($@"\|\s*[0-9a-f-]{{36}}\s*\|\s*VOLUME\s*\|\s*{resourceId}\s*\|\s*VOLUME_VOLUME_007_001\s*\|\s*create volume from backend storage: .*volume-{resourceId}");
}
