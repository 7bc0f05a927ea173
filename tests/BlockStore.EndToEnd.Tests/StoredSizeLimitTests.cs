using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// Metadata and QoS keys that one Table row cannot hold, and bodies over Cinder's 114,688 bytes: a 413 overLimit
/// that changes nothing, where these were 500s.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class StoredSizeLimitTests(StackFixture fixture)
{
    [Fact]
    public async Task VolumeMetadataMerge_BeyondWhatTheRowHolds_Is413AndKeepsTheMetadata()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volumeId = await cinder.CreateAcceptedAsync(1, "meta");
        await cinder.WaitSettledAsync(volumeId);

        // 100 values of 200 characters fit; 60 more, merged over them, do not.
        using (var fits = await SendAsync(cinder, HttpMethod.Post, $"volumes/{volumeId}/metadata", MetadataBody("metadata", 100, "a")))
        {
            Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        }

        using var refused = await SendAsync(cinder, HttpMethod.Post, $"volumes/{volumeId}/metadata", MetadataBody("metadata", 60, "b"));
        AssertOverLimit(await CinderClient.ReadAsync(refused), refused.StatusCode, "Invalid metadata size: the volume's metadata would take");
        Assert.Equal(100, await VolumeMetadataCountAsync(cinder, volumeId));
    }

    [Theory]
    [InlineData("PUT", "/metadata", "metadata")]
    [InlineData("PUT", "", "volume")]
    public async Task VolumeMetadataReplace_BeyondWhatTheRowHolds_Is413AndKeepsTheMetadata(string method, string suffix, string wrapper)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volumeId = await cinder.CreateAcceptedAsync(1, "meta");
        await cinder.WaitSettledAsync(volumeId);
        using (var fits = await SendAsync(cinder, HttpMethod.Post, $"volumes/{volumeId}/metadata", MetadataBody("metadata", 3, "a")))
        {
            Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        }

        var body = wrapper == "volume" ? Wrap("volume", "\"metadata\": {" + Items(400, "b") + "}") : MetadataBody("metadata", 400, "b");
        using var refused = await SendAsync(cinder, new HttpMethod(method), $"volumes/{volumeId}{suffix}", body);
        AssertOverLimit(await CinderClient.ReadAsync(refused), refused.StatusCode, "Invalid metadata size: the volume's metadata would take");
        Assert.Equal(3, await VolumeMetadataCountAsync(cinder, volumeId));
    }

    [Fact]
    public async Task VolumeCreate_MetadataBeyondWhatTheRowHolds_Is413AndCreatesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var refused = await cinder.PostRawAsync("volumes", Wrap("volume", "\"size\": 1, \"metadata\": {" + Items(400, "a") + "}"));

        AssertOverLimit(await CinderClient.ReadAsync(refused), refused.StatusCode, "Invalid metadata size: the volume's metadata would take");
        await AssertNoVolumesAsync(cinder);
    }

    [Fact]
    public async Task VolumeCreate_BodyOverCindersLimit_Is413OverLimitAndCreatesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var body = Wrap("volume", $"\"size\": 1, \"description\": \"{new string('d', 148 * 1024)}\"");

        using var refused = await cinder.PostRawAsync("volumes", body);

        AssertOverLimit(await CinderClient.ReadAsync(refused), refused.StatusCode, "Request body too large");
        await AssertNoVolumesAsync(cinder);
    }

    [Fact]
    public async Task SnapshotMetadata_BeyondWhatTheRowHolds_Is413AndChangesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volumeId = await cinder.CreateAcceptedAsync(1, "snap-meta");
        await cinder.WaitSettledAsync(volumeId);

        using (var refusedCreate = await cinder.PostRawAsync("snapshots",
            Wrap("snapshot", $"\"volume_id\": \"{volumeId}\", \"metadata\": {{{Items(160, "a")}}}")))
        {
            AssertOverLimit(await CinderClient.ReadAsync(refusedCreate), refusedCreate.StatusCode, "Invalid metadata size: the snapshot's metadata would take");
        }

        using (var list = await cinder.GetAsync("snapshots"))
        {
            Assert.Empty((await CinderClient.ReadAsync(list))["snapshots"]!.AsArray());
        }

        using var created = await cinder.PostRawAsync("snapshots", Wrap("snapshot", $"\"volume_id\": \"{volumeId}\", \"metadata\": {{\"keep\": \"1\"}}"));
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var snapshotId = (await CinderClient.ReadAsync(created))["snapshot"]!["id"]!.GetValue<string>();

        using var refused = await SendAsync(cinder, HttpMethod.Post, $"snapshots/{snapshotId}/metadata", MetadataBody("metadata", 160, "b"));

        AssertOverLimit(await CinderClient.ReadAsync(refused), refused.StatusCode, "Invalid metadata size: the snapshot's metadata would take");
        using var shown = await cinder.GetAsync($"snapshots/{snapshotId}/metadata");
        Assert.Equal("""{"keep":"1"}""", (await CinderClient.ReadAsync(shown))["metadata"]!.ToJsonString());
    }

    [Fact]
    public async Task QosSpecKeys_BeyondWhatTheRowHolds_Is413AndChangesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var name = $"big-{Guid.NewGuid():N}";

        using (var refusedCreate = await cinder.PostRawAsync("qos-specs", Wrap("qos_specs", $"\"name\": \"{name}\", {Items(200, "a")}")))
        {
            AssertOverLimit(await CinderClient.ReadAsync(refusedCreate), refusedCreate.StatusCode, "Invalid metadata size: the QoS spec's keys would take");
        }

        using (var list = await cinder.GetAsync("qos-specs"))
        {
            Assert.DoesNotContain(name, (await CinderClient.ReadAsync(list)).ToJsonString(), StringComparison.Ordinal);
        }

        using var created = await cinder.PostRawAsync("qos-specs", $$$"""{"qos_specs": {"name": "{{{name}}}", "read_iops_sec": "100"}}""");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await CinderClient.ReadAsync(created))["qos_specs"]!["id"]!.GetValue<string>();

        using var refused = await SendAsync(cinder, HttpMethod.Put, $"qos-specs/{id}", Wrap("qos_specs", Items(200, "b")));

        AssertOverLimit(await CinderClient.ReadAsync(refused), refused.StatusCode, "Invalid metadata size: the QoS spec's keys would take");
        using var shown = await cinder.GetAsync($"qos-specs/{id}");
        Assert.Equal("""{"read_iops_sec":"100"}""", (await CinderClient.ReadAsync(shown))["qos_specs"]!["specs"]!.ToJsonString());
        (await cinder.DeleteAsync($"qos-specs/{id}")).Dispose();
    }

    /// <summary><c>{"wrapper": {"&lt;prefix&gt;000": "xxx…" (200 characters), …}}</c>.</summary>
    private static string MetadataBody(string wrapper, int count, string prefix) => Wrap(wrapper, Items(count, prefix));

    /// <summary><c>{"name": {inner}}</c>.</summary>
    private static string Wrap(string name, string inner) => $"{{\"{name}\": {{{inner}}}}}";

    private static string Items(int count, string prefix) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => $"\"{prefix}{i:D3}\": \"{new string('x', 200)}\""));

    private static void AssertOverLimit(JsonObject body, HttpStatusCode status, string messageStart)
    {
        Assert.True(status == HttpStatusCode.RequestEntityTooLarge, $"{(int)status}: {body.ToJsonString()}");
        var fault = body["overLimit"]!;
        Assert.Equal(413, fault["code"]!.GetValue<int>());
        Assert.StartsWith(messageStart, fault["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<int> VolumeMetadataCountAsync(CinderClient cinder, string volumeId)
    {
        using var shown = await cinder.GetAsync($"volumes/{volumeId}/metadata");
        return (await CinderClient.ReadAsync(shown))["metadata"]!.AsObject().Count;
    }

    private static async Task AssertNoVolumesAsync(CinderClient cinder)
    {
        using var list = await cinder.GetAsync("volumes");
        Assert.Empty((await CinderClient.ReadAsync(list))["volumes"]!.AsArray());
        using var quota = await cinder.GetAsync($"os-quota-sets/{cinder.ProjectId}?usage=True");
        var volumes = (await CinderClient.ReadAsync(quota))["quota_set"]!["volumes"]!;
        Assert.Equal((0, 0), (volumes["in_use"]!.GetValue<int>(), volumes["reserved"]!.GetValue<int>()));
    }

    private static async Task<HttpResponseMessage> SendAsync(CinderClient cinder, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, $"v3/{cinder.ProjectId}/{path}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        return await cinder.SendAsync(request);
    }
}
