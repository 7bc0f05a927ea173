using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// BlockStore driven by the real python3-openstacksdk (Debian, 0.101): each test runs one scenario script from
/// <c>Sdk/</c> against the shared stack and judges the JSON it prints, i.e. what the SDK returned or raised.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class OpenStackSdkTests(StackFixture fixture)
{
    // Debian's python3-openstacksdk lives in Debian's interpreter; a python3 found earlier on PATH (pyenv, a venv)
    // does not have it.
    private const string Python = "/usr/bin/python3";

    // A scenario waits for several asynchronous steps in turn, each within the script's own 60 s.
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Volumes_CreateWaitGetListUpdateDelete_SdkSeesEachStep()
    {
        var project = CinderClient.NewProjectId();

        var result = await RunAsync("volumes.py", project);

        var created = result["created"]!;
        var id = Text(created, "id");
        var other = Text(result, "other");
        Assert.Equal(("creating", 1, "sdk-a", "first"), (Text(created, "status"), Number(created, "size"), Text(created, "name"), Text(created, "description")));
        Assert.Equal("""{"tier":"gold"}""", created["metadata"]!.ToJsonString());
        var available = result["available"]!;
        Assert.Equal(("available", "nova", "__DEFAULT__", project, "user1"), (Text(available, "status"), Text(available, "availability_zone"), Text(available, "volume_type"), Text(available, "project_id"), Text(available, "user_id")));
        Assert.StartsWith("node1@file", Text(available, "host"), StringComparison.Ordinal);
        Assert.False(available["is_bootable"]!.GetValue<bool>());
        Assert.Equal((other, "sdk-b", 2, "available"), (Text(result["fetched"]!, "id"), Text(result["fetched"]!, "name"), Number(result["fetched"]!, "size"), Text(result["fetched"]!, "status")));

        var listed = result["listed"]!;
        Assert.Equal([other], Texts(listed, "by_name"));
        Assert.Equal(new[] { id, other }.Order(StringComparer.Ordinal), Texts(listed, "by_status"));
        Assert.Empty(Texts(listed, "by_status_error"));
        Assert.Equal(["sdk-a", "sdk-b"], Texts(listed, "summaries"));
        Assert.Equal(new[] { id, other }.Order(StringComparer.Ordinal), Texts(listed, "paged"));

        Assert.Equal(("sdk-renamed", "second"), (Text(result["updated"]!, "name"), Text(result["updated"]!, "description")));
        Assert.Equal(("sdk-renamed", "second", "available"), (Text(result["refetched"]!, "name"), Text(result["refetched"]!, "description"), Text(result["refetched"]!, "status")));
        Assert.Equal(id, Text(result, "found"));

        AssertRaised(result["get_deleted"], "ResourceNotFound", 404, $"Volume {id} could not be found.");
        Assert.Null(result["find_deleted"]);
        Assert.Equal([other], Texts(result, "remaining"));
        Assert.False(File.Exists(VolumeFile(id)));
        Assert.True(File.Exists(VolumeFile(other)));
    }

    [Fact]
    public async Task ExtendVolume_SdkActionsAtMicroversion360_ExtendOrAreRefusedAsCinderRefusesThem()
    {
        var project = CinderClient.NewProjectId();

        var result = await RunAsync("extend.py", project);

        // openstacksdk 0.101 sends volume actions at 3.60 whatever the server declared: a server whose maximum is
        // below answers 406 with Cinder's wording and changes nothing; the script then extends at the server's maximum.
        var maximum = Text(result, "max_microversion");
        if (Version.Parse(maximum) >= new Version(3, 60))
        {
            Assert.Null(result["sdk_extend"]!["type"]);
        }
        else
        {
            AssertRaised(result["sdk_extend"], "HttpException", 406, $"Version 3.60 is not supported by the API. Minimum is 3.0 and maximum is {maximum}.");
            Assert.Equal(1, Number(result, "size_after_sdk_extend"));
            Assert.Equal(202, Number(result, "action_status"));
        }

        Assert.Equal(("available", 2), (Text(result["extended"]!, "status"), Number(result["extended"]!, "size")));
        Assert.Equal(2L << 30, new FileInfo(VolumeFile(Text(result, "volume"))).Length);
    }

    [Fact]
    public async Task Snapshots_CreateWaitListGetUpdateDelete_SdkSeesEachStep()
    {
        var project = CinderClient.NewProjectId();

        var result = await RunAsync("snapshots.py", project);

        var volume = Text(result, "volume");
        var created = result["created"]!;
        var id = Text(created, "id");
        Assert.Equal(("creating", "sdk-snap", "nightly", 1, volume), (Text(created, "status"), Text(created, "name"), Text(created, "description"), Number(created, "size"), Text(created, "volume_id")));
        Assert.Equal("""{"k":"v"}""", created["metadata"]!.ToJsonString());
        var available = result["available"]!;
        Assert.Equal(("available", project, "100%"), (Text(available, "status"), Text(available, "project_id"), Text(available, "progress")));
        Assert.Equal((id, "available"), (Text(result["fetched"]!, "id"), Text(result["fetched"]!, "status")));

        var listed = result["listed"]!;
        var detailed = Assert.Single(listed["detailed"]!.AsArray())!;
        Assert.Equal((id, "available", project), (Text(detailed, "id"), Text(detailed, "status"), Text(detailed, "project_id")));
        var summary = Assert.Single(listed["summaries"]!.AsArray())!;
        Assert.Equal((id, "sdk-snap", volume, 1), (Text(summary, "id"), Text(summary, "name"), Text(summary, "volume_id"), Number(summary, "size")));
        Assert.Equal([id], Texts(listed, "by_name"));
        Assert.Empty(Texts(listed, "by_other_name"));
        Assert.Equal([id], Texts(listed, "by_volume"));

        Assert.Equal(("sdk-snap2", "weekly"), (Text(result["updated"]!, "name"), Text(result["updated"]!, "description")));
        Assert.Equal(id, Text(result, "found"));
        AssertRaised(result["volume_delete_refused"], "BadRequestException", 400, null);
        AssertRaised(result["get_deleted"], "ResourceNotFound", 404, $"Snapshot {id} could not be found.");
        Assert.Empty(Texts(result, "remaining"));
        Assert.True(File.Exists(VolumeFile(volume)), "the refused volume delete must leave the volume");
    }

    [Fact]
    public async Task VolumeTypes_ExtraSpecsPrivateAccessListsAndDelete_SdkSeesEachStep()
    {
        var project = CinderClient.NewProjectId();
        var member = CinderClient.NewProjectId();

        var result = await RunAsync("types.py", project, member);

        var gold = $"sdk-gold-{project[..8]}";
        var hidden = $"sdk-private-{project[..8]}";
        var created = result["created"]!;
        Assert.Equal((gold, "fast", true), (Text(created, "name"), Text(created, "description"), created["is_public"]!.GetValue<bool>()));
        Assert.Equal("""{"volume_backend_name":"file"}""", created["extra_specs"]!.ToJsonString());
        Assert.Equal("""{"replication":"off","tier":"1"}""", result["specs_set"]!.ToJsonString());
        Assert.Equal("faster", Text(result["updated"]!, "description"));
        foreach (var view in new[] { result["fetched"]!, result["found"]! })
        {
            Assert.Equal((Text(created, "id"), gold, "faster"), (Text(view, "id"), Text(view, "name"), Text(view, "description")));
            Assert.Equal("""{"tier":"1","volume_backend_name":"file"}""", view["extra_specs"]!.ToJsonString());
        }

        AssertRaised(result["duplicate"], "ConflictException", 409, $"Volume Type {gold} already exists.");

        var privateType = result["private"]!;
        Assert.Equal((hidden, false), (Text(privateType, "name"), privateType["is_public"]!.GetValue<bool>()));
        var access = Assert.Single(result["access"]!.AsArray())!;
        Assert.Equal((Text(privateType, "id"), member), (Text(access, "volume_type_id"), Text(access, "project_id")));
        Assert.Empty(result["access_removed"]!.AsArray());
        var listedAll = Texts(result, "listed_all");
        Assert.Contains(gold, listedAll);
        Assert.Contains(hidden, listedAll);
        Assert.Contains("__DEFAULT__", listedAll);
        Assert.Contains(gold, Texts(result, "listed_default"));
        Assert.DoesNotContain(hidden, Texts(result, "listed_default"));
        Assert.Contains(hidden, Texts(result, "listed_private"));
        Assert.DoesNotContain(gold, Texts(result, "listed_private"));
        Assert.Contains(hidden, Texts(result, "listed_default_shared"));

        Assert.Equal(gold, Text(result, "volume_type"));
        AssertRaised(result["unknown_type"], "ResourceNotFound", 404, $"Volume type with name sdk-none-{project[..8]} could not be found.");
        AssertRaised(result["get_deleted"], "ResourceNotFound", 404, $"Volume type {Text(privateType, "id")} could not be found.");
        Assert.Null(result["find_deleted"]);
    }

    [Fact]
    public async Task TypeEncryption_CreateGetUpdateDelete_SdkSeesEachStepAndNoEncryptedVolumeIsMade()
    {
        var project = CinderClient.NewProjectId();

        var result = await RunAsync("type_encryption.py", project);

        var created = result["created"]!;
        Assert.Equal(("luks", "aes-xts-plain64", 256, "front-end"), (Text(created, "provider"), Text(created, "cipher"), created["key_size"]!.GetValue<int>(), Text(created, "control_location")));
        Assert.Equal(created.ToJsonString(), result["fetched"]!.ToJsonString());
        var updated = result["updated"]!;
        Assert.Equal((Text(created, "encryption_id"), "luks", 512, "back-end"), (Text(updated, "encryption_id"), Text(updated, "provider"), updated["key_size"]!.GetValue<int>(), Text(updated, "control_location")));
        Assert.Equal(400, result["duplicate"]!["status"]!.GetValue<int>());
        Assert.Equal(400, result["volume"]!["status"]!.GetValue<int>());
        Assert.Empty(result["volumes"]!.AsArray());
        Assert.Null(result["after_delete"]);
    }

    [Fact]
    public async Task Quotas_UpdateUsageAndOverQuotaCreate_SdkReportsCindersFigures()
    {
        var project = CinderClient.NewProjectId();

        var result = await RunAsync("quotas.py", project);

        Assert.Equal((10, StackFixture.GigabytesQuota), (Number(result["initial"]!, "volumes"), Number(result["initial"]!, "gigabytes")));
        Assert.Equal((2, 5, 10), (Number(result["updated"]!, "volumes"), Number(result["updated"]!, "gigabytes"), Number(result["updated"]!, "snapshots")));
        var withUsage = result["with_usage"]!;
        Assert.Equal((2, 5), (Number(withUsage["limits"]!, "volumes"), Number(withUsage["limits"]!, "gigabytes")));
        Assert.Equal((1, 3, 0), (Number(withUsage["usage"]!, "volumes"), Number(withUsage["usage"]!, "gigabytes"), Number(withUsage["usage"]!, "snapshots")));
        Assert.Equal((0, 0), (Number(withUsage["reservation"]!, "volumes"), Number(withUsage["reservation"]!, "gigabytes")));

        AssertRaised(result["over_quota"], "HttpException", 413, "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested 3G, quota is 5G and 3G has been consumed.");
        Assert.Equal(["sdk-counted"], Texts(result, "volumes_after_refusal"));
        var absolute = result["absolute_limits"]!;
        Assert.Equal((2, 5, 1, 3), (Number(absolute, "max_total_volumes"), Number(absolute, "max_total_volume_gigabytes"), Number(absolute, "total_volumes_used"), Number(absolute, "total_gigabytes_used")));

        Assert.Equal((10, StackFixture.GigabytesQuota), (Number(result["defaults"]!, "volumes"), Number(result["defaults"]!, "gigabytes")));
        Assert.Equal(result["initial"]!.ToJsonString(), result["reverted"]!.ToJsonString());
    }

    [Fact]
    public async Task Zones_SdkWithoutAnyToken_DiscoversVersionsZonesAndLimits()
    {
        var project = CinderClient.NewProjectId();

        var result = await RunAsync("zones.py", project);

        Assert.Equal($"{fixture.Stack.ApiUrl}/v3/{project}", Text(result, "endpoint"));
        Assert.Equal("3.0", Text(result, "min_microversion"));
        Assert.True(Version.Parse(Text(result, "max_microversion")) >= new Version(3, 3));
        Assert.Contains(result["zones"]!.AsArray(), zone => zone!.ToJsonString() == """["nova",true]""");
        var absolute = result["absolute_limits"]!;
        Assert.Equal((10, StackFixture.GigabytesQuota, 0, 0), (Number(absolute, "max_total_volumes"), Number(absolute, "max_total_volume_gigabytes"), Number(absolute, "total_volumes_used"), Number(absolute, "total_gigabytes_used")));
        Assert.Empty(Texts(result, "volumes"));
    }

    [Fact]
    public async Task BackendPools_AsAdmin_ListTheAgentsPoolsWithCapacity()
    {
        var result = await RunAsync("pools.py", CinderClient.NewProjectId());

        var pool = result["pools"]!["node1@file#file"]!;
        Assert.Equal(("nova", "file"), (Text(pool, "availability_zone"), Text(pool, "volume_backend_name")));
        Assert.True(pool["total_capacity_gb"]!.GetValue<double>() > 0);
        Assert.True(pool["free_capacity_gb"]!.GetValue<double>() <= pool["total_capacity_gb"]!.GetValue<double>());
        var extensions = Texts(result, "extensions");
        Assert.Contains("scheduler-stats", extensions);
        Assert.Contains("os-quota-sets", extensions);
    }

    [Fact]
    public async Task Messages_FailedCreate_WaitRaisesAndTheMessageSaysWhy()
    {
        var project = CinderClient.NewProjectId();

        var result = await RunAsync("messages.py", project, "broken");

        Assert.Equal("ResourceFailure", Text(result["wait"]!, "type"));
        Assert.Equal("error", Text(result, "status"));
        var message = Assert.Single(result["messages"]!.AsArray())!;
        var volume = Text(message, "resource_uuid");
        Assert.Equal(("VOLUME", "VOLUME_VOLUME_007_001", "ERROR"), (Text(message, "resource_type"), Text(message, "event_id"), Text(message, "message_level")));
        Assert.StartsWith("create volume from backend storage: ", Text(message, "user_message"), StringComparison.Ordinal);
        Assert.Equal(404, Number(result["without_microversion"]!, "status"));
        var shown = result["shown"]!;
        Assert.Equal((200, "volume 3.3", volume), (Number(shown, "status"), Text(shown, "version"), Text(shown["body"]!["message"]!, "resource_uuid")));
        Assert.Equal((204, 404), (Number(result, "deleted"), Number(result, "after_delete")));
    }

    private async Task<JsonObject> RunAsync(string script, string project, params string[] arguments)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Sdk", script);
        var (exitCode, output) = await Cli.RunAsync(Python, ["-B", path, fixture.Stack.ApiUrl, project, .. arguments], ScriptTimeout);
        Assert.True(exitCode == 0, $"{script} failed: {output}");
        return JsonNode.Parse(output)!.AsObject();
    }

    private static void AssertRaised(JsonNode? raised, string type, int status, string? details)
    {
        Assert.NotNull(raised);
        Assert.Equal((type, status), (raised["type"]?.GetValue<string>(), Number(raised, "status")));
        if (details is not null)
        {
            Assert.Equal(details, Text(raised, "details"));
        }
    }

    private string VolumeFile(string id) => Path.Combine(fixture.HealthyDataDirectory, "volumes", $"volume-{id}");

    private static string Text(JsonNode node, string key) => node[key]!.GetValue<string>();

    private static int Number(JsonNode node, string key) => node[key]!.GetValue<int>();

    private static List<string> Texts(JsonNode node, string key) => [.. node[key]!.AsArray().Select(item => item!.GetValue<string>())];
}
