using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>The quick start's promise, checked with the real python3-openstackclient (Debian package) as a user runs it.</summary>
[Collection(StackCollection.Name)]
public sealed class OpenStackClientTests(StackFixture fixture)
{
    [Fact]
    public async Task OpenStackCli_CreateListShowDelete_WorksByName()
    {
        var project = CinderClient.NewProjectId();

        // Names unique to the test: the clients find a name with all_tenants=1, and an admin sees every project's.
        var v1 = $"v1-{project[..8]}";
        var created = await OpenStackJsonAsync(project, "volume", "create", "--size", "1", v1);
        Assert.Equal((v1, 1), (created["name"]!.GetValue<string>(), created["size"]!.GetValue<int>()));
        var id = created["id"]!.GetValue<string>();

        var shown = await WaitForStatusAsync(project, v1, "available");
        Assert.Equal(id, shown["id"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(fixture.HealthyDataDirectory, "volumes", $"volume-{id}")));

        var listed = (await OpenStackAsync(project, "volume", "list", "-f", "json")).Output;
        var row = Assert.Single(JsonNode.Parse(listed)!.AsArray())!;
        Assert.Equal((v1, "available", 1), (row["Name"]!.GetValue<string>(), row["Status"]!.GetValue<string>(), row["Size"]!.GetValue<int>()));

        var deleted = await OpenStackAsync(project, "volume", "delete", v1);
        Assert.Equal(0, deleted.ExitCode);
        var gone = await WaitAsync(async () => (await OpenStackAsync(project, "volume", "show", v1)).ExitCode != 0);
        Assert.True(gone, "volume show v1 should fail once the volume is deleted");
        Assert.False(File.Exists(Path.Combine(fixture.HealthyDataDirectory, "volumes", $"volume-{id}")));
    }

    [Fact]
    public async Task OpenStackCli_VolumeTypes_CreateSetShowUseAndDelete()
    {
        var project = CinderClient.NewProjectId();
        var name = $"gold-{Guid.NewGuid():N}"[..13];

        var created = await OpenStackJsonAsync(project, "volume", "type", "create", "--property", "volume_backend_name=file", "--description", "fast", name);
        Assert.Equal((name, "fast"), (created["name"]!.GetValue<string>(), created["description"]!.GetValue<string>()));
        Assert.Equal(0, (await OpenStackAsync(project, "volume", "type", "set", "--property", "tier=1", name)).ExitCode);

        var shown = await OpenStackJsonAsync(project, "volume", "type", "show", name);
        var properties = shown["properties"]!.ToJsonString();
        Assert.Contains("volume_backend_name", properties, StringComparison.Ordinal);
        Assert.Contains("tier", properties, StringComparison.Ordinal);
        var listed = JsonNode.Parse((await OpenStackAsync(project, "volume", "type", "list", "-f", "json")).Output)!.AsArray();
        Assert.Contains(listed, row => row!["Name"]!.GetValue<string>() == name);
        Assert.Contains(listed, row => row!["Name"]!.GetValue<string>() == "__DEFAULT__");

        var typed = $"typed-{project[..8]}";
        var volume = await OpenStackJsonAsync(project, "volume", "create", "--size", "1", "--type", name, typed);
        Assert.Equal(name, volume["type"]!.GetValue<string>());
        await WaitForStatusAsync(project, typed, "available");
        var inUse = await OpenStackAsync(project, "volume", "type", "delete", name);
        Assert.NotEqual(0, inUse.ExitCode);

        Assert.Equal(0, (await OpenStackAsync(project, "volume", "delete", typed)).ExitCode);
        Assert.True(await WaitAsync(async () => (await OpenStackAsync(project, "volume", "show", typed)).ExitCode != 0));
        Assert.Equal(0, (await OpenStackAsync(project, "volume", "type", "unset", "--property", "tier", name)).ExitCode);
        Assert.DoesNotContain("tier", (await OpenStackJsonAsync(project, "volume", "type", "show", name))["properties"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, (await OpenStackAsync(project, "volume", "type", "delete", name)).ExitCode);
        Assert.NotEqual(0, (await OpenStackAsync(project, "volume", "type", "show", name)).ExitCode);
    }

    private async Task<JsonObject> WaitForStatusAsync(string project, string name, string status)
    {
        JsonObject? last = null;
        await WaitAsync(async () =>
        {
            last = await OpenStackJsonAsync(project, "volume", "show", name);
            return last["status"]!.GetValue<string>() == status;
        });
        return last!;
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    private Task<JsonObject> OpenStackJsonAsync(string project, params string[] arguments) =>
        Cli.OpenStackJsonAsync(fixture.Stack.ApiUrl, project, arguments);

    private Task<(int ExitCode, string Output)> OpenStackAsync(string project, params string[] arguments) =>
        Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, arguments);
}
