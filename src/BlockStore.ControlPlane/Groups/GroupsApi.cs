using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Quotas;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Types;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Groups;
using BlockStore.Core.Validation;
using BlockStore.Core.Volumes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Groups;

/// <summary>
/// Cinder's generic volume groups (3.13; create from a source 3.14, reset_status 3.20). A group is a control-plane
/// record: creating one needs no backend, so it is <c>available</c> at once, as Cinder's default generic group
/// implementation ends up; its volumes' own sagas do all the storage work.
/// </summary>
public sealed class GroupsApi(
    CinderPipeline pipeline,
    GroupStore groups,
    GroupTypeStore groupTypes,
    GroupSnapshotStore groupSnapshots,
    VolumeTypeStore volumeTypes,
    VolumeStore volumes,
    VolumesApi volumesApi,
    PoolStore pools,
    QuotaLimitStore quotaLimits,
    IdempotencyKeys idempotency,
    TimeProvider time,
    IOptions<ControlPlaneOptions> options,
    ILogger<GroupsApi> logger)
{
    private const int Version = 13;

    private static readonly VolumeStatus[] JoinableStatuses = [VolumeStatus.Available, VolumeStatus.InUse];
    private static readonly VolumeStatus[] LeavableStatuses = [VolumeStatus.Available, VolumeStatus.InUse, VolumeStatus.Error, VolumeStatus.ErrorDeleting];

    public Task<CinderResult> CreateAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        return await idempotency.CreateAsync(http, request, idempotency.InProject(request.ProjectId), body => CreateAsync(request, body));
    });

    private async Task<CinderResult> CreateAsync(RequestContext request, IdempotentRequest body)
    {
        var parsed = GroupRequestParser.ParseCreate(body.Body.RootElement);
        var groupType = await groupTypes.FindAsync(parsed.GroupType, request.CancellationToken) is { } found && found.IsVisibleTo(request.IsAdmin)
            ? found
            : throw GroupTypeStore.NotFound(parsed.GroupType);
        var typeIds = new List<Guid>();
        foreach (var named in parsed.VolumeTypes)
        {
            var type = await volumeTypes.FindAsync(named, request.CancellationToken) is { } volumeType && volumeType.IsVisibleTo(request.ProjectId, request.IsAdmin)
                ? volumeType
                : throw new NotFoundException($"Volume type with name {named} could not be found.");
            typeIds.Add(type.Id);
        }

        var zone = parsed.AvailabilityZone ?? options.Value.DefaultAvailabilityZone;
        if (parsed.AvailabilityZone is not null &&
            !(await pools.ListAsync(request.CancellationToken)).Any(pool => pool.AvailabilityZone == zone))
        {
            throw new BadRequestException($"Invalid input received: Availability zone '{zone}' is invalid.");
        }

        var group = new Group
        {
            Id = Guid.NewGuid(),
            ProjectId = request.ProjectId,
            UserId = request.UserId,
            Name = parsed.Name,
            Description = parsed.Description,
            Status = GroupStatuses.Available,
            AvailabilityZone = zone,
            GroupTypeId = groupType.Id,
            VolumeTypeIds = [.. typeIds.Distinct()],
            CreatedAt = time.GetUtcNow(),
        };
        var view = new JsonObject { ["group"] = GroupViews.GroupSummary(group) };
        await groups.CreateAsync(group, await quotaLimits.GetAsync(request.ProjectId, request.CancellationToken), request.CancellationToken, body.Record(202, view));
        logger.LogInformation("Created group {GroupId} of group type {GroupTypeId} for project {ProjectId}", group.Id, group.GroupTypeId, group.ProjectId);
        return CinderResult.Json(202, view);
    }

    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        return Render(Paging.Apply(http, request, await FilterAsync(http, request), SortKeys, group => group.Id.ToString("D"), "groups"), GroupViews.GroupSummary);
    });

    public Task<CinderResult> ListDetailAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        var listing = Paging.Apply(http, request, await FilterAsync(http, request), SortKeys, group => group.Id.ToString("D"), "groups/detail");
        // Cinder reads list_volume in the view of each group, so an empty page never refuses it.
        var members = listing.Page.Count > 0 && ListVolume(http, request) ? await VolumeIdsAsync(listing.Page, request.CancellationToken) : null;
        return Render(listing, group => GroupViews.GroupDetail(group, request, members?[group.Id]));
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string groupId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        var group = await GetAsync(request, groupId);
        var volumeIds = ListVolume(http, request) ? (await VolumeIdsAsync([group], request.CancellationToken))[group.Id] : null;
        return CinderResult.Json(200, new JsonObject { ["group"] = GroupViews.GroupDetail(group, request, volumeIds) });
    });

    /// <summary>3.25 (GROUP_VOLUME_LIST): <c>list_volume</c>, a strict boolean, adds the group's volume ids; below, it is ignored.</summary>
    private static bool ListVolume(HttpContext http, RequestContext request) =>
        request.IsAtLeast(25) && RequestFields.QueryBool(http.Request.Query["list_volume"].ToString(), "list_volume");

    /// <summary>The volume ids of each group, oldest first: one read of each project's volumes, not one per group.</summary>
    private async Task<ILookup<Guid?, Guid>> VolumeIdsAsync(IReadOnlyList<Group> page, CancellationToken cancellationToken)
    {
        var found = new List<Volume>();
        foreach (var project in page.Select(group => group.ProjectId).Distinct(StringComparer.Ordinal))
        {
            found.AddRange(await volumes.ListAsync(project, cancellationToken));
        }

        return found.Where(volume => volume.GroupId is not null).OrderBy(volume => volume.CreatedAt).ToLookup(volume => volume.GroupId, volume => volume.Id);
    }

    /// <summary>Renames the group and moves volumes in and out of it, each volume by its own compare-and-swap.</summary>
    public Task<CinderResult> UpdateAsync(HttpContext http, string projectId, string groupId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var parsed = GroupRequestParser.ParseUpdate(body.RootElement);
        var group = await GetAsync(request, groupId);
        if (group.Status != GroupStatuses.Available)
        {
            throw new InvalidStateException($"Invalid group: Group status must be available, but current status is: {group.Status}.");
        }

        // Every volume is checked before any moves, so a bad id changes nothing.
        foreach (var id in parsed.AddVolumes)
        {
            CheckJoin(group, await volumes.FindAsync(group.ProjectId, id, request.CancellationToken), id);
        }

        foreach (var id in parsed.RemoveVolumes)
        {
            CheckLeave(group, await volumes.FindAsync(group.ProjectId, id, request.CancellationToken), id);
        }

        var now = time.GetUtcNow();
        foreach (var id in parsed.AddVolumes)
        {
            await volumes.ChangeAsync(group.ProjectId, id, current =>
            {
                CheckJoin(group, current, id);
                return current.GroupId == group.Id ? null : new VolumeChange(current with { GroupId = group.Id, UpdatedAt = now });
            }, request.CancellationToken);
        }

        foreach (var id in parsed.RemoveVolumes)
        {
            await volumes.ChangeAsync(group.ProjectId, id, current =>
            {
                CheckLeave(group, current, id);
                return new VolumeChange(current with { GroupId = null, UpdatedAt = now });
            }, request.CancellationToken);
        }

        if (parsed.NameGiven || parsed.DescriptionGiven)
        {
            await groups.ChangeAsync(group.ProjectId, group.Id, current => new RowChange<Group>(current with
            {
                Name = parsed.NameGiven ? parsed.Name : current.Name,
                Description = parsed.DescriptionGiven ? parsed.Description : current.Description,
                UpdatedAt = now,
            }), request.CancellationToken);
        }

        return CinderResult.Empty(202);
    });

    /// <summary><c>POST /groups/{id}/action</c>: <c>delete</c> (3.13) and <c>reset_status</c> (3.20, admin).</summary>
    public Task<CinderResult> ActionAsync(HttpContext http, string projectId, string groupId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 1)
        {
            throw new BadRequestException("Invalid input received: the body must name exactly one action.");
        }

        var action = root.EnumerateObject().Single();
        switch (action.Name)
        {
            case "delete":
                await DeleteAsync(http, request, await GetAsync(request, groupId), GroupRequestParser.ParseDelete(action.Value));
                return CinderResult.Empty(202);

            case "reset_status":
            {
                request.RequireVersion(20);
                request.RequireAdmin("group:reset_status");
                var status = GroupRequestParser.ParseResetStatus(action.Value, GroupStatuses.All, "Group");
                var group = await GetAsync(request, groupId);
                var now = time.GetUtcNow();
                await groups.ChangeAsync(group.ProjectId, group.Id, current => new RowChange<Group>(current with { Status = status, UpdatedAt = now }), request.CancellationToken);
                return CinderResult.Empty(202);
            }

            default:
                throw new BadRequestException($"There is no such action: {action.Name}");
        }
    });

    /// <summary>
    /// <c>POST /groups/action {"create-from-src": …}</c> (3.14): a new group of the source's types whose volumes are
    /// copies of the source group's volumes or of the group snapshot's snapshots. The group is <c>creating</c> until
    /// its volumes' sagas end (<see cref="GroupStore.FollowMembersAsync"/>).
    /// </summary>
    public Task<CinderResult> CreateFromSourceAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(14);
        return await idempotency.CreateAsync(http, request, idempotency.InProject(request.ProjectId), body => CreateFromSourceAsync(http, request, body));
    });

    private async Task<CinderResult> CreateFromSourceAsync(HttpContext http, RequestContext request, IdempotentRequest body)
    {
        var parsed = GroupRequestParser.ParseCreateFromSource(body.Body.RootElement);

        Group source;
        List<(Volume Volume, Core.Snapshots.Snapshot? Snapshot)> members = [];
        if (parsed.GroupSnapshotId is { } groupSnapshotId)
        {
            var groupSnapshot = await groupSnapshots.FindAsync(request.ProjectId, groupSnapshotId, request.CancellationToken)
                ?? throw GroupSnapshotStore.NotFound(groupSnapshotId.ToString("D"));
            if (groupSnapshot.Status != GroupSnapshotStatuses.Available)
            {
                throw new InvalidStateException($"Invalid group snapshot: Group snapshot status must be available, but current status is: {groupSnapshot.Status}.");
            }

            source = await groups.FindAsync(request.ProjectId, groupSnapshot.GroupId, request.CancellationToken)
                ?? throw GroupStore.NotFound(groupSnapshot.GroupId.ToString("D"));
            foreach (var snapshot in await groupSnapshots.ListMembersAsync(request.ProjectId, groupSnapshotId, request.CancellationToken))
            {
                var volume = await volumes.FindAsync(request.ProjectId, snapshot.VolumeId, request.CancellationToken)
                    ?? throw NotFoundException.Volume(snapshot.VolumeId.ToString("D"));
                members.Add((volume, snapshot));
            }
        }
        else
        {
            var sourceId = parsed.SourceGroupId!.Value;
            source = await groups.FindAsync(request.ProjectId, sourceId, request.CancellationToken) ?? throw GroupStore.NotFound(sourceId.ToString("D"));
            if (source.Status != GroupStatuses.Available)
            {
                throw new InvalidStateException($"Invalid group: Source group status must be available, but current status is: {source.Status}.");
            }

            foreach (var volume in await groups.ListVolumesAsync(request.ProjectId, sourceId, request.CancellationToken))
            {
                if (volume.Status is not (VolumeStatus.Available or VolumeStatus.InUse))
                {
                    throw new InvalidStateException($"Invalid volume: Unable to clone volume {volume.Id} that is in a {volume.Status.ToWire()} state.");
                }

                members.Add((volume, null));
            }
        }

        var group = new Group
        {
            Id = Guid.NewGuid(),
            ProjectId = request.ProjectId,
            UserId = request.UserId,
            Name = parsed.Name,
            Description = parsed.Description,
            Status = members.Count == 0 ? GroupStatuses.Available : GroupStatuses.Creating,
            AvailabilityZone = source.AvailabilityZone,
            GroupTypeId = source.GroupTypeId,
            VolumeTypeIds = source.VolumeTypeIds,
            GroupSnapshotId = parsed.GroupSnapshotId,
            SourceGroupId = parsed.SourceGroupId,
            CreatedAt = time.GetUtcNow(),
        };
        // The record goes in with the group, the first durable write, as a volume's goes in with the volume.
        var view = new JsonObject { ["group"] = GroupViews.GroupSummary(group) };
        await groups.CreateAsync(group, await quotaLimits.GetAsync(request.ProjectId, request.CancellationToken), request.CancellationToken, body.Record(202, view));
        try
        {
            foreach (var (volume, snapshot) in members)
            {
                await volumesApi.BeginCreateMemberAsync(http, request, group, volume, snapshot);
            }
        }
        catch (BlockStoreException ex)
        {
            // Copies already started still finish; the group shows that it is incomplete, and a retry with the key is
            // answered this failure, as the first request was.
            await groups.ChangeAsync(group.ProjectId, group.Id, current => new RowChange<Group>(current with { Status = GroupStatuses.Error })
            {
                Updates = body.RecordFailure(ex) is { } failure ? [failure] : [],
            }, CancellationToken.None);
            throw;
        }

        logger.LogInformation("Creating group {GroupId} from {SourceKind} {SourceId} with {Count} volumes",
            group.Id, parsed.GroupSnapshotId is null ? "group" : "group snapshot", parsed.GroupSnapshotId ?? parsed.SourceGroupId, members.Count);
        return CinderResult.Json(202, view);
    }

    /// <summary>
    /// Deletes the group: with <c>delete-volumes</c> its volumes go through their own delete sagas (leaving the group
    /// as they start), then the group row goes with its quota. Everything is checked before anything changes.
    /// </summary>
    private async Task DeleteAsync(HttpContext http, RequestContext request, Group group, bool deleteVolumes)
    {
        if (group.Status is not (GroupStatuses.Available or GroupStatuses.Error or GroupStatuses.ErrorDeleting))
        {
            throw new InvalidStateException($"Invalid group: Group status must be available or error, but current status is: {group.Status}.");
        }

        if ((await groupSnapshots.ListOfGroupAsync(group.ProjectId, group.Id, request.CancellationToken)).Count > 0)
        {
            throw new InvalidStateException($"Invalid group: Group {group.Id} still has dependent group snapshots.");
        }

        var members = await groups.ListVolumesAsync(group.ProjectId, group.Id, request.CancellationToken);
        if (members.Count > 0 && !deleteVolumes)
        {
            throw new InvalidStateException($"Invalid group: Group {group.Id} still contains volumes. The delete-volumes flag is required to delete it.");
        }

        foreach (var volume in members.Where(volume => !VolumeTransitions.IsAllowed(volume.Status, VolumeStatus.Deleting)))
        {
            throw new InvalidStateException($"Invalid volume: Volume {volume.Id} in group {group.Id} is {volume.Status.ToWire()}; it cannot be deleted now.");
        }

        var now = time.GetUtcNow();
        await groups.ChangeAsync(group.ProjectId, group.Id, current => current.Status == group.Status
            ? new RowChange<Group>(current with { Status = GroupStatuses.Deleting, UpdatedAt = now })
            : throw new InvalidStateException($"Invalid group: Group {group.Id} changed to {current.Status} meanwhile; try again."), request.CancellationToken);
        try
        {
            foreach (var volume in members)
            {
                await volumesApi.BeginDeleteAsync(http, volume, memberOf: group.Id, force: false, cascade: false, request.CancellationToken);
            }
        }
        catch (BlockStoreException)
        {
            // The volumes not yet started are still in the group, which stays for the user to retry.
            await groups.ChangeAsync(group.ProjectId, group.Id, current => new RowChange<Group>(current with { Status = GroupStatuses.ErrorDeleting }), CancellationToken.None);
            throw;
        }

        await groups.ChangeAsync(group.ProjectId, group.Id, _ => GroupStore.Removal(), request.CancellationToken);
        logger.LogInformation("Deleted group {GroupId} and started the delete of its {Count} volumes", group.Id, members.Count);
    }

    private static void CheckJoin(Group group, Volume? volume, Guid id)
    {
        if (volume is null)
        {
            throw new InvalidStateException($"Invalid volume: Cannot add volume {id} to group {group.Id} because volume cannot be found.");
        }

        if (volume.GroupId is { } other && other != group.Id)
        {
            throw new InvalidStateException($"Invalid volume: Cannot add volume {id} to group {group.Id} because it is already in group {other}.");
        }

        if (volume.VolumeTypeId is not { } typeId || !group.VolumeTypeIds.Contains(typeId))
        {
            throw new InvalidStateException($"Invalid volume: Cannot add volume {id} to group {group.Id} because volume type {volume.VolumeType} is not supported by the group.");
        }

        if (!JoinableStatuses.Contains(volume.Status))
        {
            throw new InvalidStateException(
                $"Invalid volume: Cannot add volume {id} to group {group.Id} because volume is in an invalid state: {volume.Status.ToWire()}. Valid states are: ('available', 'in-use').");
        }
    }

    private static void CheckLeave(Group group, Volume? volume, Guid id)
    {
        if (volume is null || volume.GroupId != group.Id)
        {
            throw new InvalidStateException($"Invalid volume: Cannot remove volume {id} from group {group.Id} because it is not in the group.");
        }

        if (!LeavableStatuses.Contains(volume.Status))
        {
            throw new InvalidStateException(
                $"Invalid volume: Cannot remove volume {id} from group {group.Id} because volume is in an invalid state: {volume.Status.ToWire()}. Valid states are: ('available', 'in-use', 'error', 'error_deleting').");
        }
    }

    private async Task<Group> GetAsync(RequestContext request, string groupId) =>
        Guid.TryParse(groupId, out var id) && await groups.FindForAsync(request, id) is { } group ? group : throw GroupStore.NotFound(groupId);

    private async Task<IEnumerable<Group>> FilterAsync(HttpContext http, RequestContext request)
    {
        var allTenants = ListQuery.AllTenants(http, request);
        IEnumerable<Group> found = await groups.ListAsync(allTenants ? null : request.ProjectId, request.CancellationToken);
        if (http.Request.Query["name"].ToString() is { Length: > 0 } name)
        {
            found = found.Where(group => group.Name == name);
        }

        if (http.Request.Query["status"].ToString() is { Length: > 0 } status)
        {
            found = found.Where(group => group.Status == status);
        }

        return found;
    }

    private static CinderResult Render((IReadOnlyList<Group> Page, JsonArray? Links) listing, Func<Group, JsonObject> view)
    {
        var body = new JsonObject { ["groups"] = new JsonArray([.. listing.Page.Select(group => (JsonNode)view(group))]) };
        if (listing.Links is not null)
        {
            body["group_links"] = listing.Links;
        }

        return CinderResult.Json(200, body);
    }

    private static readonly Dictionary<string, Func<Group, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = group => group.CreatedAt,
        ["id"] = group => group.Id.ToString("D"),
        ["name"] = group => group.Name,
        ["status"] = group => group.Status,
    };
}
