using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace BlockStore.EndToEnd.Tests;

/// <summary><c>Idempotency-Key</c> on every create: a retried create never makes a second resource.</summary>
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

    /// <summary>Every create of the API but the volume's (above), by the name its case goes by.</summary>
    public static TheoryData<string> Creates =>
    [
        "snapshots", "types", "qos-specs", "group_types", "groups", "groups/action", "group_snapshots", "os-volume-transfer", "volume-transfers",
    ];

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task Create_SameKeyAndBodyTwice_ReplaysTheFirstAnswerAndCreatesOne(string create)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var target = await PrepareAsync(cinder, create);
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(cinder, target, target.Body, key);
        var second = await PostAsync(cinder, target, target.Body, key);

        Assert.True(first.Status is HttpStatusCode.OK or HttpStatusCode.Accepted, first.Json.ToJsonString());
        Assert.Equal(first.Status, second.Status);
        Assert.Equal(first.Json.ToJsonString(), second.Json.ToJsonString());
        Assert.NotNull(first.Json[target.Element]?["id"]);
        Assert.Equal(1, await target.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task Create_SameKeyOtherBody_Is409AndCreatesNothingMore(string create)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var target = await PrepareAsync(cinder, create);
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(cinder, target, target.Body, key);
        Assert.True(first.Status is HttpStatusCode.OK or HttpStatusCode.Accepted, first.Json.ToJsonString());

        var other = await PostAsync(cinder, target, target.OtherBody, key);

        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Contains("Idempotency-Key", other.Json["conflictingRequest"]?["message"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, await target.CountAsync());
    }

    [Fact]
    public async Task CreateTypeEncryption_SameKeyTwiceThenOtherBody_ReplaysTheFirstAnswerThen409()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var typeId = await CreateAsync(cinder, "types", "3.0", $$$"""{"volume_type": {"name": "idem-{{{Guid.NewGuid():N}}}"}}""", "volume_type");
        var target = new Target($"types/{typeId}/encryption", "3.0", "encryption",
            """{"encryption": {"provider": "luks", "control_location": "front-end"}}""", """{"encryption": {"provider": "plain", "control_location": "front-end"}}""",
            async () =>
            {
                using var shown = await cinder.GetAsync($"types/{typeId}/encryption");
                return (await CinderClient.ReadAsync(shown)).Count == 0 ? 0 : 1;
            });
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(cinder, target, target.Body, key);
        var second = await PostAsync(cinder, target, target.Body, key);
        var other = await PostAsync(cinder, target, target.OtherBody, key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((first.Status, first.Json.ToJsonString()), (second.Status, second.Json.ToJsonString()));
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal(1, await target.CountAsync());
    }

    [Fact]
    public async Task CreateType_TenConcurrentRetriesWithOneKey_MakeOneTypeAndAllSeeIt()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var target = await PrepareAsync(cinder, "types");
        var key = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(cinder, target, target.Body, key)));

        Assert.All(results, result => Assert.Equal(HttpStatusCode.OK, result.Status));
        Assert.Single(results.Select(result => result.Json["volume_type"]?["id"]?.GetValue<string>()).Distinct());
        Assert.Equal(1, await target.CountAsync());
    }

    [Fact]
    public async Task CreateType_ReplayAfterTheTypeWasDeleted_AnswersTheFirstAnswerAndCreatesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var target = await PrepareAsync(cinder, "types");
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(cinder, target, target.Body, key);
        using (var deleted = await cinder.DeleteAsync($"types/{first.Json["volume_type"]!["id"]!.GetValue<string>()}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        }

        var replay = await PostAsync(cinder, target, target.Body, key);

        Assert.Equal((HttpStatusCode.OK, first.Json.ToJsonString()), (replay.Status, replay.Json.ToJsonString()));
        Assert.Equal(0, await target.CountAsync());
    }

    [Fact]
    public async Task CreateType_TwoProjectsWithOneKey_EachGetsItsOwnType()
    {
        using var first = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var second = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (firstTarget, secondTarget) = (await PrepareAsync(first, "types"), await PrepareAsync(second, "types"));
        var key = Guid.NewGuid().ToString();

        var firstAnswer = await PostAsync(first, firstTarget, firstTarget.Body, key);
        var secondAnswer = await PostAsync(second, secondTarget, secondTarget.Body, key);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (firstAnswer.Status, secondAnswer.Status));
        Assert.Equal((1, 1), (await firstTarget.CountAsync(), await secondTarget.CountAsync()));
    }

    [Fact]
    public async Task CreateType_BadBodyThenCorrectedRetryWithTheSameKey_Is400ThenCreates()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var target = await PrepareAsync(cinder, "types");
        var key = Guid.NewGuid().ToString();

        var bad = await PostAsync(cinder, target, """{"volume_type": {"name": ""}}""", key);
        var corrected = await PostAsync(cinder, target, target.Body, key);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (bad.Status, corrected.Status));
        Assert.NotNull(bad.Json["badRequest"]);
        Assert.Equal(1, await target.CountAsync());
    }

    [Fact]
    public async Task CreateGroup_KeyLongerThan255_Is400AndCreatesNothing()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var target = await PrepareAsync(cinder, "groups");

        var answer = await PostAsync(cinder, target, target.Body, new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("Idempotency-Key", answer.Json["badRequest"]?["message"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await target.CountAsync());
    }

    [Fact]
    public async Task CreateGroupFromSource_MemberCopyOverQuota_ReplaysThe413AndMakesNoSecondGroup()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var types = await GroupTypesAsync(cinder);
        var source = await CreateAsync(cinder, "groups", "3.13", GroupBody("source", types), "group");
        var member = await CreateAsync(cinder, "volumes", "3.13",
            $$$"""{"volume": {"size": 1, "volume_type": "{{{types.VolumeType}}}", "group_id": "{{{source}}}"}}""", "volume");
        Assert.Equal("available", (await cinder.WaitSettledAsync(member))!["status"]!.GetValue<string>());
        using (var limit = await cinder.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"{cinder.BaseUrl}/v3/{cinder.ProjectId}/os-quota-sets/{cinder.ProjectId}")
        {
            Content = new StringContent("""{"quota_set": {"volumes": 1}}""", Encoding.UTF8, "application/json"),
        }))
        {
            Assert.Equal(HttpStatusCode.OK, limit.StatusCode);
        }

        var target = new Target("groups/action", "3.14", "group", $$$"""{"create-from-src": {"source_group_id": "{{{source}}}", "name": "copy"}}""", "", () => Task.FromResult(0));
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(cinder, target, target.Body, key);
        var replay = await PostAsync(cinder, target, target.Body, key);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, first.Status);
        Assert.Equal((first.Status, first.Json.ToJsonString()), (replay.Status, replay.Json.ToJsonString()));
        Assert.Equal(2, await CountAsync(cinder, "groups", "3.14", "groups"));
    }

    [Fact]
    public async Task CreateTransfer_AdminRetryAfterTheVolumeWasAcceptedElsewhere_ReplaysAndOffersNothingNew()
    {
        using var admin = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var owner = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        using var receiver = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volume = await AvailableVolumeAsync(owner);
        var target = new Target("os-volume-transfer", "3.0", "transfer", $$$"""{"transfer": {"volume_id": "{{{volume}}}", "name": "handover"}}""", "",
            () => CountAsync(receiver, "os-volume-transfer", "3.0", "transfers"));
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(admin, target, target.Body, key);
        Assert.True(first.Status == HttpStatusCode.Accepted, first.Json.ToJsonString());
        var transfer = first.Json["transfer"]!;
        using (var accepted = await receiver.PostRawAsync($"os-volume-transfer/{transfer["id"]}/accept", $$$"""{"accept": {"auth_key": "{{{transfer["auth_key"]}}}"}}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        var replay = await PostAsync(admin, target, target.Body, key);

        Assert.Equal((first.Status, first.Json.ToJsonString()), (replay.Status, replay.Json.ToJsonString()));
        Assert.Equal(0, await target.CountAsync());
    }

    /// <summary>
    /// A transfer's <c>auth_key</c> is answered once, and again to a retry with the same key, but the tables keep it
    /// nowhere readable: the transfer keeps a salted hash, and the idempotency record its answer sealed under the key.
    /// </summary>
    [Theory]
    [InlineData("os-volume-transfer")]
    [InlineData("volume-transfers")]
    public async Task CreateTransfer_RetryWithTheKey_GetsTheAuthKeyThatNoTableRowHolds(string create)
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var target = await PrepareAsync(cinder, create);
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync(cinder, target, target.Body, key);
        var replay = await PostAsync(cinder, target, target.Body, key);

        var authKey = first.Json["transfer"]?["auth_key"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(authKey), first.Json.ToJsonString());
        Assert.Equal(authKey, replay.Json["transfer"]?["auth_key"]?.GetValue<string>());
        var projects = new TableClient(fixture.Stack.StorageConnectionString, "BlockStoreProjects");
        var rows = await projects.QueryAsync<TableEntity>(row => row.PartitionKey == cinder.ProjectId).ToListAsync();
        Assert.Contains(rows, row => row.RowKey.StartsWith("idem_", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, row => row.Any(property => property.Value switch
        {
            string text => text.Contains(authKey, StringComparison.Ordinal),
            byte[] bytes => Encoding.UTF8.GetString(bytes).Contains(authKey, StringComparison.Ordinal),
            _ => false,
        }));
    }

    /// <summary>
    /// One create: where it posts, with which microversion, its body and another body, the element its answer names,
    /// and how many resources it has made so far.
    /// </summary>
    private sealed record Target(string Path, string Version, string Element, string Body, string OtherBody, Func<Task<int>> CountAsync);

    /// <summary>What <paramref name="create"/> needs (a volume, a group…) in the client's fresh project, and its target.</summary>
    private static async Task<Target> PrepareAsync(CinderClient cinder, string create)
    {
        var name = $"idem-{Guid.NewGuid():N}";
        var other = $"other-{Guid.NewGuid():N}";
        switch (create)
        {
            case "snapshots":
            {
                var volume = await AvailableVolumeAsync(cinder);
                return new(create, "3.0", "snapshot", $$$"""{"snapshot": {"volume_id": "{{{volume}}}", "name": "{{{name}}}"}}""",
                    $$$"""{"snapshot": {"volume_id": "{{{volume}}}", "name": "{{{other}}}"}}""", () => CountAsync(cinder, "snapshots", "3.0", "snapshots"));
            }

            case "types":
                return new(create, "3.0", "volume_type", $$$"""{"volume_type": {"name": "{{{name}}}"}}""", $$$"""{"volume_type": {"name": "{{{other}}}"}}""",
                    () => CountNamedAsync(cinder, "types?is_public=None", "3.0", "volume_types", name, other));

            case "qos-specs":
                return new(create, "3.0", "qos_specs", $$$"""{"qos_specs": {"name": "{{{name}}}"}}""", $$$"""{"qos_specs": {"name": "{{{other}}}"}}""",
                    () => CountNamedAsync(cinder, "qos-specs", "3.0", "qos_specs", name, other));

            case "group_types":
                return new(create, "3.11", "group_type", $$$"""{"group_type": {"name": "{{{name}}}"}}""", $$$"""{"group_type": {"name": "{{{other}}}"}}""",
                    () => CountNamedAsync(cinder, "group_types", "3.11", "group_types", name, other));

            case "groups":
            {
                var (groupType, volumeType) = await GroupTypesAsync(cinder);
                return new(create, "3.13", "group", GroupBody(name, groupType, volumeType), GroupBody(other, groupType, volumeType),
                    () => CountAsync(cinder, "groups", "3.13", "groups"));
            }

            case "groups/action":
            {
                var source = await CreateAsync(cinder, "groups", "3.13", GroupBody("source", await GroupTypesAsync(cinder)), "group");
                return new(create, "3.14", "group",
                    $$$"""{"create-from-src": {"source_group_id": "{{{source}}}", "name": "{{{name}}}"}}""",
                    $$$"""{"create-from-src": {"source_group_id": "{{{source}}}", "name": "{{{other}}}"}}""",
                    async () => await CountAsync(cinder, "groups", "3.14", "groups") - 1);
            }

            case "group_snapshots":
            {
                var group = await CreateAsync(cinder, "groups", "3.13", GroupBody("source", await GroupTypesAsync(cinder)), "group");
                return new(create, "3.14", "group_snapshot", $$$"""{"group_snapshot": {"group_id": "{{{group}}}", "name": "{{{name}}}"}}""",
                    $$$"""{"group_snapshot": {"group_id": "{{{group}}}", "name": "{{{other}}}"}}""", () => CountAsync(cinder, "group_snapshots", "3.14", "group_snapshots"));
            }

            case "os-volume-transfer" or "volume-transfers":
            {
                var volume = await AvailableVolumeAsync(cinder);
                var version = create == "os-volume-transfer" ? "3.0" : "3.55";
                return new(create, version, "transfer", $$$"""{"transfer": {"volume_id": "{{{volume}}}", "name": "{{{name}}}"}}""",
                    $$$"""{"transfer": {"volume_id": "{{{volume}}}", "name": "{{{other}}}"}}""", () => CountAsync(cinder, create, version, "transfers"));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(create), create, "No such create.");
        }
    }

    private static async Task<(HttpStatusCode Status, JsonObject Json)> PostAsync(CinderClient cinder, Target target, string body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{cinder.BaseUrl}/v3/{cinder.ProjectId}/{target.Path}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("OpenStack-API-Version", $"volume {target.Version}");
        request.Headers.Add("Idempotency-Key", key);
        using var response = await cinder.SendAsync(request);
        return (response.StatusCode, await CinderClient.ReadAsync(response));
    }

    /// <summary>Creates without a key and returns the new resource's id.</summary>
    private static async Task<string> CreateAsync(CinderClient cinder, string path, string version, string body, string element)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{cinder.BaseUrl}/v3/{cinder.ProjectId}/{path}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("OpenStack-API-Version", $"volume {version}");
        using var response = await cinder.SendAsync(request);
        var json = await CinderClient.ReadAsync(response);
        Assert.True(response.IsSuccessStatusCode, json.ToJsonString());
        return json[element]!["id"]!.GetValue<string>();
    }

    private static async Task<JsonArray> ListAsync(CinderClient cinder, string path, string version, string element)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{cinder.BaseUrl}/v3/{cinder.ProjectId}/{path}");
        request.Headers.Add("OpenStack-API-Version", $"volume {version}");
        using var response = await cinder.SendAsync(request);
        var json = await CinderClient.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json[element]!.AsArray();
    }

    private static async Task<int> CountAsync(CinderClient cinder, string path, string version, string element) =>
        (await ListAsync(cinder, path, version, element)).Count;

    /// <summary>Global resources: how many carry either of the case's names.</summary>
    private static async Task<int> CountNamedAsync(CinderClient cinder, string path, string version, string element, params string[] names) =>
        (await ListAsync(cinder, path, version, element)).Count(item => names.Contains(item!["name"]?.GetValue<string>()));

    private static async Task<string> AvailableVolumeAsync(CinderClient cinder)
    {
        var volume = await cinder.CreateAcceptedAsync(1, "source");
        Assert.Equal("available", (await cinder.WaitSettledAsync(volume))!["status"]!.GetValue<string>());
        return volume;
    }

    /// <summary>A new group type and a new volume type for a group.</summary>
    private static async Task<(string GroupType, string VolumeType)> GroupTypesAsync(CinderClient cinder) =>
        (await CreateAsync(cinder, "group_types", "3.11", $$$"""{"group_type": {"name": "gt-{{{Guid.NewGuid():N}}}"}}""", "group_type"),
         await CreateAsync(cinder, "types", "3.0", $$$"""{"volume_type": {"name": "vt-{{{Guid.NewGuid():N}}}"}}""", "volume_type"));

    private static string GroupBody(string name, (string GroupType, string VolumeType) types) => GroupBody(name, types.GroupType, types.VolumeType);

    private static string GroupBody(string name, string groupType, string volumeType) =>
        $$$"""{"group": {"name": "{{{name}}}", "group_type": "{{{groupType}}}", "volume_types": ["{{{volumeType}}}"]}}""";

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
