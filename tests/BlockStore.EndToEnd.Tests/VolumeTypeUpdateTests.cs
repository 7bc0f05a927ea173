using System.Net;
using System.Text;

namespace BlockStore.EndToEnd.Tests;

/// <summary>Tempest's test_volume_type_update, as raw HTTP: the update answer has Cinder's keys and nothing more.</summary>
[Collection(StackCollection.Name)]
public sealed class VolumeTypeUpdateTests(StackFixture fixture)
{
    [Fact]
    public async Task UpdateType_NameDescriptionAndPrivate_AnswersCindersUpdateViewAndShowAgrees()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var created = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "t-{{{Guid.NewGuid():N}}}"}}""");
        var id = (await CinderClient.ReadAsync(created))["volume_type"]!["id"]!.GetValue<string>();
        var name = $"renamed-{Guid.NewGuid():N}";

        using var request = new HttpRequestMessage(HttpMethod.Put, $"v3/{cinder.ProjectId}/types/{id}")
        {
            Content = new StringContent($$$"""{"volume_type": {"name": "{{{name}}}", "description": "d", "is_public": false}}""", Encoding.UTF8, "application/json"),
        };
        using var updated = await cinder.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var view = (await CinderClient.ReadAsync(updated))["volume_type"]!.AsObject();
        Assert.Equal(["description", "extra_specs", "id", "is_public", "name"], view.Select(pair => pair.Key).Order(StringComparer.Ordinal));
        Assert.Equal((name, "d", false), (view["name"]!.GetValue<string>(), view["description"]!.GetValue<string>(), view["is_public"]!.GetValue<bool>()));
        using var show = await cinder.GetAsync($"types/{id}");
        var shown = (await CinderClient.ReadAsync(show))["volume_type"]!;
        Assert.Equal((name, false, false), (shown["name"]!.GetValue<string>(), shown["is_public"]!.GetValue<bool>(), shown["os-volume-type-access:is_public"]!.GetValue<bool>()));
    }
}
