using System.Net;
using System.Text.Json.Nodes;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// Volume transfers between two projects with the real clients (<c>openstack volume transfer request …</c> on
/// <c>os-volume-transfer</c>, <c>cinder transfer-…</c> on <c>volume-transfers</c>) and raw Cinder calls for what the
/// clients cannot show: refusals, quota at the destination, microversions.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class TransferTests(StackFixture fixture)
{
    [Fact]
    public async Task OpenStackClient_CreateListShowAccept_MovesTheVolumeAndItsQuotaToTheOtherProject()
    {
        var (source, destination) = (CinderClient.NewProjectId(), CinderClient.NewProjectId());
        using var donor = new CinderClient(fixture.Stack.ApiUrl, source);
        using var receiver = new CinderClient(fixture.Stack.ApiUrl, destination);
        var volumeId = await AvailableVolumeAsync(donor, 2, "gift");

        var created = await OpenStackJsonAsync(source, "volume", "transfer", "request", "create", "--name", "to-b", volumeId);
        var transferId = created["id"]!.GetValue<string>();
        var authKey = created["auth_key"]!.GetValue<string>();
        var listed = (JsonArray)JsonNode.Parse((await Ok(Cli.OpenStackAsync(fixture.Stack.ApiUrl, source, "volume", "transfer", "request", "list", "-f", "json"))))!;
        var shown = await OpenStackJsonAsync(source, "volume", "transfer", "request", "show", transferId);
        var waiting = await StatusAsync(donor, volumeId);
        var accepted = await OpenStackJsonAsync(destination, "volume", "transfer", "request", "accept", "--auth-key", authKey, transferId);

        Assert.Equal("to-b", created["name"]!.GetValue<string>());
        Assert.Equal(volumeId, created["volume_id"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{16}$", authKey);
        Assert.Contains(listed, row => row!["ID"]!.GetValue<string>() == transferId && row["Volume"]!.GetValue<string>() == volumeId);
        Assert.Equal(volumeId, shown["volume_id"]!.GetValue<string>());
        Assert.Null(shown["auth_key"]);
        Assert.Equal("awaiting-transfer", waiting);
        Assert.Equal(transferId, accepted["id"]!.GetValue<string>());
        Assert.Equal(volumeId, accepted["volume_id"]!.GetValue<string>());

        var moved = (await CinderClient.ReadAsync(await receiver.GetAsync($"volumes/{volumeId}")))["volume"]!;
        Assert.Equal("available", moved["status"]!.GetValue<string>());
        Assert.Equal(destination, moved["os-vol-tenant-attr:tenant_id"]!.GetValue<string>());
        Assert.False(await ListsAsync(donor, "volumes", volumeId));
        Assert.True(await ListsAsync(receiver, "volumes", volumeId));
        Assert.Equal("[]", (await Ok(Cli.OpenStackAsync(fixture.Stack.ApiUrl, source, "volume", "transfer", "request", "list", "-f", "json"))).Trim());
        Assert.Matches(@"\|\s*volumes\s*\|\s*0\s*\|\s*0\s*\|", await Ok(CinderAsync(source, "quota-usage", source)));
        Assert.Matches(@"\|\s*gigabytes\s*\|\s*0\s*\|\s*0\s*\|", await Ok(CinderAsync(source, "quota-usage", source)));
        Assert.Matches(@"\|\s*volumes\s*\|\s*1\s*\|\s*0\s*\|", await Ok(CinderAsync(destination, "quota-usage", destination)));
        Assert.Matches(@"\|\s*gigabytes\s*\|\s*2\s*\|\s*0\s*\|", await Ok(CinderAsync(destination, "quota-usage", destination)));
    }

    [Fact]
    public async Task CinderClient_TransferCreateDeleteThenAccept_GivesTheVolumeBackThenMovesIt()
    {
        var (source, destination) = (CinderClient.NewProjectId(), CinderClient.NewProjectId());
        using var donor = new CinderClient(fixture.Stack.ApiUrl, source);
        using var receiver = new CinderClient(fixture.Stack.ApiUrl, destination);
        var volumeId = await AvailableVolumeAsync(donor, 1, "cinder-gift");

        var first = Table(await Ok(CinderAsync(source, "transfer-create", "--name", "first", volumeId)));
        var listed = await Ok(CinderAsync(source, "transfer-list"));
        var shown = Table(await Ok(CinderAsync(source, "transfer-show", first["id"])));
        await Ok(CinderAsync(source, "transfer-delete", first["id"]));
        var afterDelete = await StatusAsync(donor, volumeId);
        var second = Table(await Ok(CinderAsync(source, "transfer-create", volumeId)));
        var accepted = Table(await Ok(CinderAsync(destination, "transfer-accept", second["id"], second["auth_key"])));

        Assert.Equal(volumeId, first["volume_id"]);
        Assert.Matches("^[0-9a-f]{16}$", first["auth_key"]);
        Assert.Contains(first["id"], listed, StringComparison.Ordinal);
        Assert.Equal("first", shown["name"]);
        Assert.False(shown.ContainsKey("auth_key"));
        Assert.Equal("available", afterDelete);
        Assert.Equal(second["id"], accepted["id"]);
        Assert.Equal("available", await StatusAsync(receiver, volumeId));
        Assert.DoesNotContain(second["id"], await Ok(CinderAsync(source, "transfer-list")), StringComparison.Ordinal);
        Assert.Matches(@"\|\s*volumes\s*\|\s*0\s*\|", await Ok(CinderAsync(source, "quota-usage", source)));
        Assert.Matches(@"\|\s*volumes\s*\|\s*1\s*\|", await Ok(CinderAsync(destination, "quota-usage", destination)));
    }

    [Fact]
    public async Task Accept_WrongAuthKey_Is400AndNothingMoves()
    {
        var (source, destination) = (CinderClient.NewProjectId(), CinderClient.NewProjectId());
        using var donor = new CinderClient(fixture.Stack.ApiUrl, source);
        using var receiver = new CinderClient(fixture.Stack.ApiUrl, destination);
        var volumeId = await AvailableVolumeAsync(donor, 1, "kept");
        var (transferId, _) = await CreateTransferAsync(donor, volumeId);

        using var refused = await receiver.PostRawAsync($"os-volume-transfer/{transferId}/accept", """{"accept": {"auth_key": "0000000000000000"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal($"Invalid auth key: Attempt to transfer {transferId} with invalid auth key.",
            (await CinderClient.ReadAsync(refused))["badRequest"]!["message"]!.GetValue<string>());
        Assert.Equal("awaiting-transfer", await StatusAsync(donor, volumeId));
        Assert.Equal(HttpStatusCode.OK, (await donor.GetAsync($"os-volume-transfer/{transferId}")).StatusCode);
        Assert.Equal(0, await UsageAsync(receiver, "volumes"));
    }

    [Theory]
    [InlineData("in-use")]
    [InlineData("creating")]
    [InlineData("error")]
    public async Task Create_VolumeNotAvailable_Is400WithCindersWording(string status)
    {
        using var donor = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volumeId = await AvailableVolumeAsync(donor, 1, "busy");
        using var reset = await donor.PostRawAsync($"volumes/{volumeId}/action", $$$"""{"os-reset_status": {"status": "{{{status}}}"}}""");
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);

        using var refused = await donor.PostRawAsync("os-volume-transfer", $$$"""{"transfer": {"volume_id": "{{{volumeId}}}", "name": null}}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Invalid volume: status must be available", (await CinderClient.ReadAsync(refused))["badRequest"]!["message"]!.GetValue<string>());
        Assert.Equal(status, await StatusAsync(donor, volumeId));
        Assert.Empty((await CinderClient.ReadAsync(await donor.GetAsync("os-volume-transfer")))["transfers"]!.AsArray());
    }

    [Fact]
    public async Task Accept_OverTheDestinationsQuota_Is413AndNothingMovesUntilTheQuotaAllowsIt()
    {
        var (source, destination) = (CinderClient.NewProjectId(), CinderClient.NewProjectId());
        using var donor = new CinderClient(fixture.Stack.ApiUrl, source);
        using var receiver = new CinderClient(fixture.Stack.ApiUrl, destination);
        var volumeId = await AvailableVolumeAsync(donor, 3, "big");
        var (transferId, authKey) = await CreateTransferAsync(donor, volumeId);
        await SetQuotaAsync(receiver, """{"quota_set": {"gigabytes": 2}}""");

        using var refused = await receiver.PostRawAsync($"os-volume-transfer/{transferId}/accept", $$$"""{"accept": {"auth_key": "{{{authKey}}}"}}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.StartsWith("VolumeSizeExceedsAvailableQuota", (await CinderClient.ReadAsync(refused))["overLimit"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("awaiting-transfer", await StatusAsync(donor, volumeId));
        Assert.False(await ListsAsync(receiver, "volumes", volumeId));
        Assert.True(await ListsAsync(donor, "volumes", volumeId));
        Assert.Equal((0, 3), (await UsageAsync(receiver, "volumes") + await UsageAsync(receiver, "gigabytes"), await UsageAsync(donor, "gigabytes")));

        await SetQuotaAsync(receiver, """{"quota_set": {"gigabytes": 3}}""");
        using var retried = await receiver.PostRawAsync($"os-volume-transfer/{transferId}/accept", $$$"""{"accept": {"auth_key": "{{{authKey}}}"}}""");

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("available", await StatusAsync(receiver, volumeId));
        Assert.Equal((3, 0), (await UsageAsync(receiver, "gigabytes"), await UsageAsync(donor, "gigabytes")));
    }

    [Fact]
    public async Task Accept_VolumeWithSnapshots_MovesTheSnapshotsAndTheirQuotaToo()
    {
        var (source, destination) = (CinderClient.NewProjectId(), CinderClient.NewProjectId());
        using var donor = new CinderClient(fixture.Stack.ApiUrl, source);
        using var receiver = new CinderClient(fixture.Stack.ApiUrl, destination);
        var volumeId = await AvailableVolumeAsync(donor, 1, "with-snap");
        var snapshotId = await AvailableSnapshotAsync(donor, volumeId);
        var (transferId, authKey) = await CreateTransferAsync(donor, volumeId);

        using var accepted = await receiver.PostRawAsync($"os-volume-transfer/{transferId}/accept", $$$"""{"accept": {"auth_key": "{{{authKey}}}"}}""");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var snapshot = (await CinderClient.ReadAsync(await receiver.GetAsync($"snapshots/{snapshotId}")))["snapshot"]!;
        Assert.Equal("available", snapshot["status"]!.GetValue<string>());
        Assert.Equal(destination, snapshot["os-extended-snapshot-attributes:project_id"]!.GetValue<string>());
        Assert.False(await ListsAsync(donor, "snapshots", snapshotId));
        Assert.True(await ListsAsync(receiver, "snapshots", snapshotId));
        Assert.Equal((1, 2), (await UsageAsync(receiver, "snapshots"), await UsageAsync(receiver, "gigabytes")));
        Assert.Equal((0, 0), (await UsageAsync(donor, "snapshots"), await UsageAsync(donor, "gigabytes")));
    }

    [Fact]
    public async Task Create_NoSnapshotsOfAVolumeWithSnapshots_Is400AndTheVolumeStaysAvailable()
    {
        using var donor = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volumeId = await AvailableVolumeAsync(donor, 1, "snap-kept");
        await AvailableSnapshotAsync(donor, volumeId);

        using var refused = await SendAsync(donor, HttpMethod.Post, "volume-transfers", "3.55", $$$"""{"transfer": {"volume_id": "{{{volumeId}}}", "no_snapshots": true}}""");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("transferring it without its snapshots is not supported", (await CinderClient.ReadAsync(refused))["badRequest"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("available", await StatusAsync(donor, volumeId));
    }

    [Fact]
    public async Task VolumeTransfers_ByMicroversion_AreHiddenBefore355AndShowTheirHistoryFrom357()
    {
        var (source, destination) = (CinderClient.NewProjectId(), CinderClient.NewProjectId());
        using var donor = new CinderClient(fixture.Stack.ApiUrl, source);
        using var receiver = new CinderClient(fixture.Stack.ApiUrl, destination);
        var volumeId = await AvailableVolumeAsync(donor, 1, "versioned");

        using var tooOld = await SendAsync(donor, HttpMethod.Get, "volume-transfers", null, null);
        using var created = await SendAsync(donor, HttpMethod.Post, "volume-transfers", "3.55", $$$"""{"transfer": {"volume_id": "{{{volumeId}}}", "no_snapshots": true}}""");
        var transfer = (await CinderClient.ReadAsync(created))["transfer"]!;
        var transferId = transfer["id"]!.GetValue<string>();
        using var shown357 = await SendAsync(donor, HttpMethod.Get, $"volume-transfers/{transferId}", "3.57", null);
        var history = (await CinderClient.ReadAsync(shown357))["transfer"]!;
        using var legacy = await donor.GetAsync($"os-volume-transfer/{transferId}");
        var legacyView = (await CinderClient.ReadAsync(legacy))["transfer"]!.AsObject();
        using var accepted = await SendAsync(receiver, HttpMethod.Post, $"volume-transfers/{transferId}/accept", "3.57",
            $$$"""{"accept": {"auth_key": "{{{transfer["auth_key"]!.GetValue<string>()}}}"}}""");
        var acceptView = (await CinderClient.ReadAsync(accepted))["transfer"]!.AsObject();

        Assert.Equal(HttpStatusCode.NotFound, tooOld.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.True(transfer["no_snapshots"]!.GetValue<bool>());
        Assert.Equal(source, history["source_project_id"]!.GetValue<string>());
        Assert.False(history["accepted"]!.GetValue<bool>());
        Assert.Null(history["destination_project_id"]);
        Assert.Equal(["created_at", "id", "links", "name", "volume_id"], legacyView.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(["id", "links", "name", "volume_id"], acceptView.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(donor, HttpMethod.Get, $"volume-transfers/{transferId}", "3.57", null)).StatusCode);
        Assert.Equal("available", await StatusAsync(receiver, volumeId));
    }

    [Fact]
    public async Task Accept_Twice_SecondIs404AndTheVolumeIsNotDuplicated()
    {
        var (source, destination, third) = (CinderClient.NewProjectId(), CinderClient.NewProjectId(), CinderClient.NewProjectId());
        using var donor = new CinderClient(fixture.Stack.ApiUrl, source);
        using var receiver = new CinderClient(fixture.Stack.ApiUrl, destination);
        using var late = new CinderClient(fixture.Stack.ApiUrl, third);
        var volumeId = await AvailableVolumeAsync(donor, 1, "once");
        var (transferId, authKey) = await CreateTransferAsync(donor, volumeId);
        var body = $$$"""{"accept": {"auth_key": "{{{authKey}}}"}}""";

        using var first = await receiver.PostRawAsync($"os-volume-transfer/{transferId}/accept", body);
        using var second = await late.PostRawAsync($"os-volume-transfer/{transferId}/accept", body);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.False(await ListsAsync(late, "volumes", volumeId));
        Assert.True(await ListsAsync(receiver, "volumes", volumeId));
        Assert.Equal(1, await UsageAsync(receiver, "volumes"));
        Assert.Equal(0, await UsageAsync(late, "volumes"));
    }

    private static async Task<string> AvailableVolumeAsync(CinderClient client, int size, string name)
    {
        var volumeId = await client.CreateAcceptedAsync(size, name);
        var volume = await client.WaitSettledAsync(volumeId);
        Assert.Equal("available", volume!["status"]!.GetValue<string>());
        return volumeId;
    }

    private static async Task<string> AvailableSnapshotAsync(CinderClient client, string volumeId)
    {
        using var created = await client.PostRawAsync("snapshots", $$$"""{"snapshot": {"volume_id": "{{{volumeId}}}", "name": "s1"}}""");
        var snapshotId = (await CinderClient.ReadAsync(created))["snapshot"]!["id"]!.GetValue<string>();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var status = (await CinderClient.ReadAsync(await client.GetAsync($"snapshots/{snapshotId}")))["snapshot"]!["status"]!.GetValue<string>();
            if (status != "creating")
            {
                Assert.Equal("available", status);
                return snapshotId;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Snapshot {snapshotId} stayed creating.");
    }

    private static async Task<(string Id, string AuthKey)> CreateTransferAsync(CinderClient client, string volumeId)
    {
        using var created = await client.PostRawAsync("os-volume-transfer", $$$"""{"transfer": {"volume_id": "{{{volumeId}}}", "name": null}}""");
        var body = await CinderClient.ReadAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        return (body["transfer"]!["id"]!.GetValue<string>(), body["transfer"]!["auth_key"]!.GetValue<string>());
    }

    /// <summary>Whether the project's own list (no <c>all_tenants</c>) holds the resource; noauth callers are admins, so a show would find it anywhere.</summary>
    private static async Task<bool> ListsAsync(CinderClient client, string collection, string id) =>
        (await CinderClient.ReadAsync(await client.GetAsync(collection)))[collection]!.AsArray().Any(item => item!["id"]!.GetValue<string>() == id);

    private static async Task<string> StatusAsync(CinderClient client, string volumeId) =>
        (await CinderClient.ReadAsync(await client.GetAsync($"volumes/{volumeId}")))["volume"]!["status"]!.GetValue<string>();

    private static async Task<int> UsageAsync(CinderClient client, string resource)
    {
        var quota = await CinderClient.ReadAsync(await client.GetAsync($"os-quota-sets/{client.ProjectId}?usage=True"));
        var usage = quota["quota_set"]![resource]!;
        return usage["in_use"]!.GetValue<int>() + usage["reserved"]!.GetValue<int>();
    }

    private static async Task SetQuotaAsync(CinderClient client, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v3/{client.ProjectId}/os-quota-sets/{client.ProjectId}")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(CinderClient client, HttpMethod method, string path, string? version, string? json)
    {
        var request = new HttpRequestMessage(method, $"v3/{client.ProjectId}/{path}");
        if (version is not null)
        {
            request.Headers.Add("OpenStack-API-Version", $"volume {version}");
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    /// <summary>The <c>| Property | Value |</c> table the cinder CLI prints, as a dictionary.</summary>
    private static Dictionary<string, string> Table(string output) =>
        output.Split('\n')
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length == 4 && cells[1] is { Length: > 0 } key && key != "Property")
            .ToDictionary(cells => cells[1], cells => cells[2]);

    private static async Task<string> Ok(Task<(int ExitCode, string Output)> run)
    {
        var (exitCode, output) = await run;
        Assert.True(exitCode == 0, output);
        return output;
    }

    private Task<JsonObject> OpenStackJsonAsync(string project, params string[] arguments) =>
        Cli.OpenStackJsonAsync(fixture.Stack.ApiUrl, project, arguments);

    private Task<(int ExitCode, string Output)> CinderAsync(string project, params string[] arguments) =>
        Cli.CinderAsync(fixture.Stack.ApiUrl, project, arguments);
}
