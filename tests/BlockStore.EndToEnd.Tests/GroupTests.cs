using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BlockStore.EndToEnd.Tests;

/// <summary>
/// Generic volume groups (microversions 3.11–3.20) through the real clients, in the flows Tempest's group tests use,
/// and Cinder's refusals by raw HTTP.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class GroupTests(StackFixture fixture)
{
    private const string Latest = "3.20";

    [Fact]
    public async Task CinderCli_GroupWithVolumes_SnapshotsTogetherAndIsDeletedWithItsVolumes()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var volumeType = await CreateVolumeTypeAsync(cinder);
        var groupTypeName = $"gt-{Guid.NewGuid():N}"[..12];
        var groupType = await CinderAsync(project, "group-type-create", groupTypeName);
        Assert.Equal(0, (await CinderAsync(project, "group-type-key", groupTypeName, "set", "consistent_group_snapshot_enabled=<is> False")).ExitCode);
        var specs = await CinderAsync(project, "group-specs-list");

        var created = await CinderAsync(project, "group-create", "--name", "g1", groupTypeName, volumeType);
        var groupId = Field(created.Output, "id");
        var inGroup = Field((await CinderAsync(project, "create", "--group-id", groupId, "--volume-type", volumeType, "--name", "member", "1")).Output, "id");
        var outside = Field((await CinderAsync(project, "create", "--volume-type", volumeType, "--name", "joiner", "1")).Output, "id");
        Assert.Equal("available", (await cinder.WaitSettledAsync(inGroup))!["status"]!.GetValue<string>());
        Assert.Equal("available", (await cinder.WaitSettledAsync(outside))!["status"]!.GetValue<string>());
        Assert.Equal(0, (await CinderAsync(project, "group-update", "--add-volumes", outside, groupId)).ExitCode);
        var show = await CinderAsync(project, "group-show", groupId);
        var list = await CinderAsync(project, "group-list");
        var refused = await CinderAsync(project, "delete", inGroup);

        Assert.Matches($@"\|\s*\S+\s*\|\s*{groupTypeName}\s*\|", groupType.Output);
        Assert.Contains("consistent_group_snapshot_enabled", specs.Output, StringComparison.Ordinal);
        Assert.Matches(@"\|\s*status\s*\|\s*available\s*\|", show.Output);
        Assert.Matches($@"\|\s*{groupId}\s*\|\s*available\s*\|\s*g1\s*\|", list.Output);
        Assert.Equal(new[] { groupId, groupId }, await GroupIdsOfAsync(cinder, inGroup, outside));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("belong to a group", refused.Output, StringComparison.Ordinal);

        var groupSnapshotId = Field((await CinderAsync(project, "group-snapshot-create", "--name", "gs1", groupId)).Output, "id");
        await WaitForAsync(async () => Regex.IsMatch((await CinderAsync(project, "group-snapshot-list")).Output, $@"\|\s*{groupSnapshotId}\s*\|\s*available\s*\|\s*gs1\s*\|"));
        using var snapshots = await cinder.GetAsync("snapshots/detail");
        var members = (await CinderClient.ReadAsync(snapshots))["snapshots"]!.AsArray();
        Assert.Equal(new[] { inGroup, outside }.Order(), members.Select(snapshot => snapshot!["volume_id"]!.GetValue<string>()).Order());
        Assert.All(members, snapshot => Assert.Equal("available", snapshot!["status"]!.GetValue<string>()));

        Assert.Equal(0, (await CinderAsync(project, "group-snapshot-delete", groupSnapshotId)).ExitCode);
        await WaitForAsync(async () => (await CinderAsync(project, "group-snapshot-show", groupSnapshotId)).ExitCode != 0);
        using var afterSnapshotDelete = await cinder.GetAsync("snapshots");
        Assert.Empty((await CinderClient.ReadAsync(afterSnapshotDelete))["snapshots"]!.AsArray());

        Assert.Equal(0, (await CinderAsync(project, "group-delete", "--delete-volumes", groupId)).ExitCode);
        Assert.Null(await cinder.WaitSettledAsync(inGroup));
        Assert.Null(await cinder.WaitSettledAsync(outside));
        Assert.DoesNotMatch(groupId, (await CinderAsync(project, "group-list")).Output);
    }

    [Fact]
    public async Task OpenStackCli_GroupTypeGroupAndSnapshot_ShowWhatWasCreated()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var volumeType = await CreateVolumeTypeAsync(cinder);
        var groupTypeName = $"ogt-{Guid.NewGuid():N}"[..12];

        var groupType = Json(await OpenStackAsync(project, "volume", "group", "type", "create", "--description", "for tests", groupTypeName, "-f", "json"));
        var group = Json(await OpenStackAsync(project, "volume", "group", "create", "--name", "og1", groupTypeName, volumeType, "-f", "json"));
        var groupId = group["ID"]!.GetValue<string>();
        var listed = Json(await OpenStackAsync(project, "volume", "group", "list", "-f", "json")).AsArray();

        // Not `volume group show`: python-openstackclient 6 calls a groups.show that python-cinderclient 9 lacks.
        using var shown = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}");
        Json(await OpenStackAsync(project, "volume", "group", "snapshot", "create", "--name", "ogs1", groupId, "-f", "json"));
        var snapshots = Json(await OpenStackAsync(project, "volume", "group", "snapshot", "list", "-f", "json")).AsArray();

        Assert.Equal((groupTypeName, "for tests"), (groupType["Name"]!.GetValue<string>(), groupType["Description"]!.GetValue<string>()));
        var row = Assert.Single(listed)!;
        Assert.Equal((groupId, "og1", "available"), (row["ID"]!.GetValue<string>(), row["Name"]!.GetValue<string>(), row["Status"]!.GetValue<string>()));
        Assert.Equal(groupType["ID"]!.GetValue<string>(), (await CinderClient.ReadAsync(shown))["group"]!["group_type"]!.GetValue<string>());
        Assert.Equal("ogs1", Assert.Single(snapshots)!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task GroupRoutes_BelowTheirMicroversion_Are404()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());

        using var groupTypes = await SendAsync(cinder, HttpMethod.Get, "group_types", null, "3.10");
        using var groups = await SendAsync(cinder, HttpMethod.Get, "groups", null, "3.12");
        using var groupSnapshots = await SendAsync(cinder, HttpMethod.Get, "group_snapshots", null, "3.13");
        using var groupsNow = await SendAsync(cinder, HttpMethod.Get, "groups", null, "3.13");

        Assert.Equal(HttpStatusCode.NotFound, groupTypes.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, groups.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, groupSnapshots.StatusCode);
        Assert.Equal(HttpStatusCode.OK, groupsNow.StatusCode);
    }

    [Fact]
    public async Task VolumeView_ShowsGroupIdFrom313Only()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var volume = await cinder.CreateAcceptedAsync(1, "plain");

        using var before = await SendAsync(cinder, HttpMethod.Get, $"volumes/{volume}", null, "3.12");
        using var after = await SendAsync(cinder, HttpMethod.Get, $"volumes/{volume}", null, "3.13");

        Assert.False((await CinderClient.ReadAsync(before))["volume"]!.AsObject().ContainsKey("group_id"));
        var view = (await CinderClient.ReadAsync(after))["volume"]!.AsObject();
        Assert.True(view.ContainsKey("group_id"));
        Assert.Null(view["group_id"]);
    }

    [Fact]
    public async Task CinderCli_GroupShowWithListVolume_PrintsTheGroupsVolumes()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        var (groupId, volumeType) = await CreateGroupAsync(cinder);
        var first = await CreateVolumeInGroupAsync(cinder, groupId, volumeType);
        var second = await CreateVolumeInGroupAsync(cinder, groupId, volumeType);
        var outside = await cinder.CreateAcceptedAsync(1, "outside");

        var shown = await Cli.CinderAsync(fixture.Stack.ApiUrl, project, "--os-volume-api-version", "3.25", "group-show", groupId, "--list-volume");

        Assert.True(shown.ExitCode == 0, shown.Output);
        var volumes = Regex.Match(shown.Output, @"\|\s*volumes\s*\|\s*(.*?)\s*\|");
        Assert.True(volumes.Success, shown.Output);
        Assert.Equal(new[] { first, second }.Order(), Regex.Matches(volumes.Groups[1].Value, "[0-9a-f-]{36}").Select(match => match.Value).Order());
        Assert.DoesNotContain(outside, shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListVolume_From325Only_InShowAndDetailAndStrictlyBoolean()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (groupId, volumeType) = await CreateGroupAsync(cinder);
        var member = await CreateVolumeInGroupAsync(cinder, groupId, volumeType);

        using var below = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}?list_volume=True", null, "3.24");
        using var detail = await SendAsync(cinder, HttpMethod.Get, "groups/detail?list_volume=yes", null, "3.25");
        using var notAsked = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}?list_volume=false", null, "3.25");
        using var bad = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}?list_volume=maybe", null, "3.25");

        Assert.False((await CinderClient.ReadAsync(below))["group"]!.AsObject().ContainsKey("volumes"));
        var listed = Assert.Single((await CinderClient.ReadAsync(detail))["groups"]!.AsArray())!;
        Assert.Equal([member], listed["volumes"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.False((await CinderClient.ReadAsync(notAsked))["group"]!.AsObject().ContainsKey("volumes"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("Value 'maybe' for 'list_volume' is not a boolean.", Message(await CinderClient.ReadAsync(bad)));
    }

    [Fact]
    public async Task VolumeList_GroupIdFilter_From310Only()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (groupId, volumeType) = await CreateGroupAsync(cinder);
        var member = await CreateVolumeInGroupAsync(cinder, groupId, volumeType);
        var outside = await cinder.CreateAcceptedAsync(1, "outside");

        using var below = await SendAsync(cinder, HttpMethod.Get, $"volumes?group_id={groupId}", null, "3.9");
        using var from310 = await SendAsync(cinder, HttpMethod.Get, $"volumes/detail?group_id={groupId}", null, "3.10");

        Assert.Equal(new[] { member, outside }.Order(), (await CinderClient.ReadAsync(below))["volumes"]!.AsArray().Select(volume => volume!["id"]!.GetValue<string>()).Order());
        Assert.Equal([member], (await CinderClient.ReadAsync(from310))["volumes"]!.AsArray().Select(volume => volume!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task GroupAndGroupSnapshotViews_ShowTheProjectToAnAdminFrom358()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (groupId, _) = await CreateGroupAsync(cinder);
        var groupSnapshotId = await CreateGroupSnapshotAsync(cinder, groupId);

        using var groupBefore = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}", null, "3.57");
        using var groupAfter = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}", null, "3.58");
        using var snapshotBefore = await SendAsync(cinder, HttpMethod.Get, $"group_snapshots/{groupSnapshotId}", null, "3.57");
        using var snapshotsAfter = await SendAsync(cinder, HttpMethod.Get, "group_snapshots/detail", null, "3.58");

        Assert.False((await CinderClient.ReadAsync(groupBefore))["group"]!.AsObject().ContainsKey("project_id"));
        Assert.Equal(cinder.ProjectId, (await CinderClient.ReadAsync(groupAfter))["group"]!["project_id"]?.GetValue<string>());
        Assert.False((await CinderClient.ReadAsync(snapshotBefore))["group_snapshot"]!.AsObject().ContainsKey("project_id"));
        var listed = Assert.Single((await CinderClient.ReadAsync(snapshotsAfter))["group_snapshots"]!.AsArray())!;
        Assert.Equal(cinder.ProjectId, listed["project_id"]?.GetValue<string>());
    }

    [Fact]
    public async Task DeleteGroup_WithVolumesButWithoutDeleteVolumes_Is400AndKeepsEverything()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (groupId, volumeType) = await CreateGroupAsync(cinder);
        var volume = await CreateVolumeInGroupAsync(cinder, groupId, volumeType);

        using var delete = await SendAsync(cinder, HttpMethod.Post, $"groups/{groupId}/action", """{"delete": {"delete-volumes": false}}""");
        using var show = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}");

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Contains("still contains volumes", Message(await CinderClient.ReadAsync(delete)), StringComparison.Ordinal);
        Assert.Equal("available", (await CinderClient.ReadAsync(show))["group"]!["status"]!.GetValue<string>());
        Assert.Equal("available", (await cinder.WaitSettledAsync(volume))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateVolume_InAGroupWithAnotherVolumeType_Is400AndNothingIsCreated()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (groupId, _) = await CreateGroupAsync(cinder);

        using var create = await SendAsync(cinder, HttpMethod.Post, "volumes", $$$"""{"volume": {"size": 1, "group_id": "{{{groupId}}}"}}""");
        using var list = await cinder.GetAsync("volumes");

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Contains("Invalid volume_type", Message(await CinderClient.ReadAsync(create)), StringComparison.Ordinal);
        Assert.Empty((await CinderClient.ReadAsync(list))["volumes"]!.AsArray());
    }

    [Fact]
    public async Task UpdateGroup_AddingAVolumeOfAnotherGroup_Is400AndTheVolumeStays()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (first, volumeType) = await CreateGroupAsync(cinder);
        var second = await CreateGroupOfAsync(cinder, volumeType);
        var volume = await CreateVolumeInGroupAsync(cinder, first, volumeType);

        using var update = await SendAsync(cinder, HttpMethod.Put, $"groups/{second}", $$$"""{"group": {"add_volumes": "{{{volume}}}"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Contains($"already in group {first}", Message(await CinderClient.ReadAsync(update)), StringComparison.Ordinal);
        Assert.Equal(new[] { first }, await GroupIdsOfAsync(cinder, volume));
    }

    [Fact]
    public async Task CreateGroup_OverTheGroupsQuota_Is413()
    {
        var project = CinderClient.NewProjectId();
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, project);
        using var limit = await SendAsync(cinder, HttpMethod.Put, $"os-quota-sets/{project}", """{"quota_set": {"groups": 1}}""");
        Assert.Equal(HttpStatusCode.OK, limit.StatusCode);
        var (_, volumeType) = await CreateGroupAsync(cinder);

        using var second = await SendAsync(cinder, HttpMethod.Post, "groups", await GroupBodyAsync(cinder, volumeType));
        using var usage = await SendAsync(cinder, HttpMethod.Get, $"os-quota-sets/{project}?usage=True");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
        Assert.Contains("GroupLimitExceeded", (await CinderClient.ReadAsync(second))["overLimit"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var groups = (await CinderClient.ReadAsync(usage))["quota_set"]!["groups"]!;
        Assert.Equal((1, 1), (groups["limit"]!.GetValue<int>(), groups["in_use"]!.GetValue<int>()));
    }

    [Fact]
    public async Task DeleteSnapshot_MemberOfAGroupSnapshot_Is400()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (groupId, volumeType) = await CreateGroupAsync(cinder);
        await CreateVolumeInGroupAsync(cinder, groupId, volumeType);
        var groupSnapshot = await CreateGroupSnapshotAsync(cinder, groupId);
        using var snapshots = await cinder.GetAsync("snapshots");
        var member = Assert.Single((await CinderClient.ReadAsync(snapshots))["snapshots"]!.AsArray())!["id"]!.GetValue<string>();

        using var delete = await cinder.DeleteAsync($"snapshots/{member}");
        using var deleteGroup = await SendAsync(cinder, HttpMethod.Post, $"groups/{groupId}/action", """{"delete": {"delete-volumes": true}}""");

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Contains($"part of group snapshot {groupSnapshot}", Message(await CinderClient.ReadAsync(delete)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, deleteGroup.StatusCode);
        Assert.Contains("dependent group snapshots", Message(await CinderClient.ReadAsync(deleteGroup)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateFromSource_GroupSnapshotAndGroup_MakeAvailableGroupsOfCopies()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (groupId, volumeType) = await CreateGroupAsync(cinder);
        var original = await CreateVolumeInGroupAsync(cinder, groupId, volumeType);
        var groupSnapshot = await CreateGroupSnapshotAsync(cinder, groupId);

        using var fromSnapshot = await SendAsync(cinder, HttpMethod.Post, "groups/action",
            $$$"""{"create-from-src": {"name": "from-snap", "group_snapshot_id": "{{{groupSnapshot}}}"}}""");
        using var fromGroup = await SendAsync(cinder, HttpMethod.Post, "groups/action",
            $$$"""{"create-from-src": {"name": "from-group", "source_group_id": "{{{groupId}}}"}}""");

        Assert.Equal(HttpStatusCode.Accepted, fromSnapshot.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fromGroup.StatusCode);
        var snapshotCopy = (await CinderClient.ReadAsync(fromSnapshot))["group"]!["id"]!.GetValue<string>();
        var groupCopy = (await CinderClient.ReadAsync(fromGroup))["group"]!["id"]!.GetValue<string>();
        var snapshotGroup = await WaitForGroupAsync(cinder, snapshotCopy);
        var groupGroup = await WaitForGroupAsync(cinder, groupCopy);
        Assert.Equal(("available", groupSnapshot), (snapshotGroup["status"]!.GetValue<string>(), snapshotGroup["group_snapshot_id"]!.GetValue<string>()));
        Assert.Equal(("available", groupId), (groupGroup["status"]!.GetValue<string>(), groupGroup["source_group_id"]!.GetValue<string>()));
        using var volumes = await SendAsync(cinder, HttpMethod.Get, "volumes/detail");
        var copies = (await CinderClient.ReadAsync(volumes))["volumes"]!.AsArray().Where(volume => volume!["id"]!.GetValue<string>() != original).ToList();
        Assert.Equal(new[] { groupCopy, snapshotCopy }.Order(), copies.Select(volume => volume!["group_id"]!.GetValue<string>()).Order());
        Assert.All(copies, volume => Assert.Equal("available", volume!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ResetStatus_GroupAndGroupSnapshot_TakeTheStatusAndRefuseUnknownOnes()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (groupId, _) = await CreateGroupAsync(cinder);
        var groupSnapshot = await CreateGroupSnapshotAsync(cinder, groupId);

        using var group = await SendAsync(cinder, HttpMethod.Post, $"groups/{groupId}/action", """{"reset_status": {"status": "error"}}""");
        using var snapshot = await SendAsync(cinder, HttpMethod.Post, $"group_snapshots/{groupSnapshot}/action", """{"reset_status": {"status": "creating"}}""");
        using var unknown = await SendAsync(cinder, HttpMethod.Post, $"groups/{groupId}/action", """{"reset_status": {"status": "sleeping"}}""");
        using var tooEarly = await SendAsync(cinder, HttpMethod.Post, $"groups/{groupId}/action", """{"reset_status": {"status": "available"}}""", "3.19");
        using var showGroup = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}");
        using var showSnapshot = await SendAsync(cinder, HttpMethod.Get, $"group_snapshots/{groupSnapshot}");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (group.StatusCode, snapshot.StatusCode));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (unknown.StatusCode, tooEarly.StatusCode));
        Assert.Equal("error", (await CinderClient.ReadAsync(showGroup))["group"]!["status"]!.GetValue<string>());
        Assert.Equal("creating", (await CinderClient.ReadAsync(showSnapshot))["group_snapshot"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteGroupType_InUse_Is400()
    {
        using var cinder = new CinderClient(fixture.Stack.ApiUrl, CinderClient.NewProjectId());
        var (groupId, _) = await CreateGroupAsync(cinder);
        using var show = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}");
        var groupType = (await CinderClient.ReadAsync(show))["group"]!["group_type"]!.GetValue<string>();

        using var delete = await SendAsync(cinder, HttpMethod.Delete, $"group_types/{groupType}");
        using var stillThere = await SendAsync(cinder, HttpMethod.Get, $"group_types/{groupType}");

        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal("Target group type is still in use.", Message(await CinderClient.ReadAsync(delete)));
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    private Task<(int ExitCode, string Output)> CinderAsync(string project, params string[] arguments) =>
        Cli.CinderAsync(fixture.Stack.ApiUrl, project, ["--os-volume-api-version", Latest, .. arguments]);

    private Task<(int ExitCode, string Output)> OpenStackAsync(string project, params string[] arguments) =>
        Cli.OpenStackAsync(fixture.Stack.ApiUrl, project, ["--os-volume-api-version", Latest, .. arguments]);

    private static async Task<HttpResponseMessage> SendAsync(CinderClient cinder, HttpMethod method, string path, string? json = null, string version = Latest)
    {
        using var request = new HttpRequestMessage(method, $"v3/{cinder.ProjectId}/{path}");
        request.Headers.Add("OpenStack-API-Version", $"volume {version}");
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await cinder.SendAsync(request);
    }

    private static async Task<string> CreateVolumeTypeAsync(CinderClient cinder)
    {
        var name = $"vt-{Guid.NewGuid():N}"[..12];
        using var created = await cinder.PostRawAsync("types", $$$"""{"volume_type": {"name": "{{{name}}}"}}""");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return name;
    }

    private static async Task<string> GroupBodyAsync(CinderClient cinder, string volumeType)
    {
        using var groupType = await SendAsync(cinder, HttpMethod.Post, "group_types", $$$"""{"group_type": {"name": "{{{Guid.NewGuid():N}}}"}}""");
        Assert.Equal(HttpStatusCode.Accepted, groupType.StatusCode);
        var groupTypeId = (await CinderClient.ReadAsync(groupType))["group_type"]!["id"]!.GetValue<string>();
        return $$$"""{"group": {"name": "g", "group_type": "{{{groupTypeId}}}", "volume_types": ["{{{volumeType}}}"]}}""";
    }

    /// <summary>A new group of a new group type, holding a new volume type; returns the group's id and the volume type's name.</summary>
    private static async Task<(string GroupId, string VolumeType)> CreateGroupAsync(CinderClient cinder)
    {
        var volumeType = await CreateVolumeTypeAsync(cinder);
        return (await CreateGroupOfAsync(cinder, volumeType), volumeType);
    }

    private static async Task<string> CreateGroupOfAsync(CinderClient cinder, string volumeType)
    {
        using var created = await SendAsync(cinder, HttpMethod.Post, "groups", await GroupBodyAsync(cinder, volumeType));
        var body = await CinderClient.ReadAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        return body["group"]!["id"]!.GetValue<string>();
    }

    private static async Task<string> CreateVolumeInGroupAsync(CinderClient cinder, string groupId, string volumeType)
    {
        using var created = await SendAsync(cinder, HttpMethod.Post, "volumes",
            $$$"""{"volume": {"size": 1, "volume_type": "{{{volumeType}}}", "group_id": "{{{groupId}}}"}}""");
        var body = await CinderClient.ReadAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        var id = body["volume"]!["id"]!.GetValue<string>();
        Assert.Equal("available", (await cinder.WaitSettledAsync(id))!["status"]!.GetValue<string>());
        return id;
    }

    private static async Task<string> CreateGroupSnapshotAsync(CinderClient cinder, string groupId)
    {
        using var created = await SendAsync(cinder, HttpMethod.Post, "group_snapshots", $$$"""{"group_snapshot": {"group_id": "{{{groupId}}}", "name": "gs"}}""");
        var body = await CinderClient.ReadAsync(created);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        var id = body["group_snapshot"]!["id"]!.GetValue<string>();
        await WaitForAsync(async () =>
        {
            using var show = await SendAsync(cinder, HttpMethod.Get, $"group_snapshots/{id}");
            return (await CinderClient.ReadAsync(show))["group_snapshot"]!["status"]!.GetValue<string>() == "available";
        });
        return id;
    }

    private static async Task<JsonObject> WaitForGroupAsync(CinderClient cinder, string groupId)
    {
        JsonObject group = [];
        await WaitForAsync(async () =>
        {
            using var show = await SendAsync(cinder, HttpMethod.Get, $"groups/{groupId}");
            group = (await CinderClient.ReadAsync(show))["group"]!.AsObject();
            return group["status"]!.GetValue<string>() != "creating";
        });
        return group;
    }

    private static async Task<string?[]> GroupIdsOfAsync(CinderClient cinder, params string[] volumeIds)
    {
        using var detail = await SendAsync(cinder, HttpMethod.Get, "volumes/detail");
        var volumes = (await CinderClient.ReadAsync(detail))["volumes"]!.AsArray();
        return [.. volumeIds.Select(id => volumes.Single(volume => volume!["id"]!.GetValue<string>() == id)!["group_id"]?.GetValue<string>())];
    }

    /// <summary>Polls until <paramref name="done"/> holds; fails after 60 s.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 60 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>The JSON a client printed with <c>-f json</c>, after checking that it succeeded.</summary>
    private static JsonNode Json((int ExitCode, string Output) result)
    {
        Assert.True(result.ExitCode == 0, result.Output);
        return JsonNode.Parse(result.Output)!;
    }

    /// <summary>A field of the table <c>cinder</c> prints for one resource.</summary>
    private static string Field(string output, string name)
    {
        var match = Regex.Match(output, $@"\|\s*{Regex.Escape(name)}\s*\|\s*(\S+)\s*\|");
        Assert.True(match.Success, output);
        return match.Groups[1].Value;
    }

    private static string Message(JsonObject fault) => fault.Single().Value!["message"]!.GetValue<string>();
}
