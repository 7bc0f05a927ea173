using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.ControlPlane.Quotas;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Groups;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Volumes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BlockStore.ControlPlane.Groups;

/// <summary>
/// Cinder's group snapshots (3.14; reset_status 3.19). A group snapshot is one snapshot saga per volume of the group,
/// each a member carrying the group snapshot's id; the group snapshot's status follows its members
/// (<see cref="GroupSnapshotStore.FollowMembersAsync"/>).
/// </summary>
public sealed class GroupSnapshotsApi(
    CinderPipeline pipeline,
    GroupSnapshotStore groupSnapshots,
    GroupStore groups,
    SnapshotsApi snapshotsApi,
    QuotaLimitStore quotaLimits,
    IdempotencyKeys idempotency,
    TimeProvider time,
    ILogger<GroupSnapshotsApi> logger)
{
    private const int Version = 14;

    public Task<CinderResult> CreateAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        return await idempotency.CreateAsync(http, request, idempotency.InProject(request.ProjectId), body => CreateAsync(http, request, body));
    });

    private async Task<CinderResult> CreateAsync(HttpContext http, RequestContext request, IdempotentRequest body)
    {
        var (groupId, name, description) = GroupRequestParser.ParseCreateSnapshot(body.Body.RootElement);
        var group = await groups.FindAsync(request.ProjectId, groupId, request.CancellationToken) ?? throw GroupStore.NotFound(groupId.ToString("D"));
        var members = await groups.ListVolumesAsync(group.ProjectId, group.Id, request.CancellationToken);
        foreach (var volume in members.Where(volume => volume.Status is not (VolumeStatus.Available or VolumeStatus.InUse)))
        {
            throw new InvalidStateException($"Invalid volume: Volume {volume.Id} in group {group.Id} is {volume.Status.ToWire()}; a group snapshot needs available or in-use volumes.");
        }

        var now = time.GetUtcNow();
        var groupSnapshot = new GroupSnapshot
        {
            Id = Guid.NewGuid(),
            ProjectId = group.ProjectId,
            UserId = request.UserId,
            GroupId = group.Id,
            GroupTypeId = group.GroupTypeId,
            Name = name,
            Description = description,

            // Nothing to wait for when the group is empty.
            Status = members.Count == 0 ? GroupSnapshotStatuses.Available : GroupSnapshotStatuses.Creating,
            CreatedAt = now,
        };
        var view = new JsonObject
        {
            ["group_snapshot"] = new JsonObject
            {
                ["id"] = groupSnapshot.Id.ToString("D"),
                ["name"] = groupSnapshot.Name,
                ["group_type_id"] = groupSnapshot.GroupTypeId.ToString("D"),
            },
        };
        await groupSnapshots.CreateAsync(groupSnapshot, current =>
        {
            if (current is null)
            {
                throw GroupStore.NotFound(group.Id.ToString("D"));
            }

            if (current.Status != GroupStatuses.Available)
            {
                throw new InvalidStateException($"Invalid group: Group {group.Id} status must be available, but current status is: {current.Status}.");
            }
        }, request.CancellationToken, body.Record(202, view));

        var limits = await quotaLimits.GetAsync(group.ProjectId, request.CancellationToken);
        try
        {
            foreach (var volume in members)
            {
                var snapshot = new Snapshot
                {
                    Id = Guid.NewGuid(),
                    ProjectId = volume.ProjectId,
                    UserId = request.UserId,
                    VolumeId = volume.Id,
                    Name = name,
                    Description = description,
                    SizeGib = volume.SizeGib,
                    Status = SnapshotStatus.Creating,
                    Host = volume.Host,
                    VolumeTypeId = volume.VolumeTypeId,
                    GroupSnapshotId = groupSnapshot.Id,
                    QuotaHold = QuotaHold.Reserved,
                    CreatedAt = now,
                };

                // Cinder snapshots a group's in-use volumes too.
                await snapshotsApi.BeginCreateAsync(http, snapshot, limits, force: true, null, volume.VolumeType, request.CancellationToken);
            }
        }
        catch (BlockStoreException ex)
        {
            // The members already started still finish; the group snapshot shows it is incomplete and can be deleted,
            // and a retry with the key is answered this failure, as the first request was.
            await groupSnapshots.ChangeAsync(groupSnapshot.ProjectId, groupSnapshot.Id,
                current => new RowChange<GroupSnapshot>(current with { Status = GroupSnapshotStatuses.Error, UpdatedAt = now })
                {
                    Updates = body.RecordFailure(ex) is { } failure ? [failure] : [],
                }, CancellationToken.None);
            throw;
        }

        logger.LogInformation("Accepted group snapshot {GroupSnapshotId} of group {GroupId} ({Count} volumes)", groupSnapshot.Id, group.Id, members.Count);
        return CinderResult.Json(202, view);
    }

    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        return Render(Paging.Apply(http, request, await FilterAsync(http, request), SortKeys, snapshot => snapshot.Id.ToString("D"), "group_snapshots"),
            GroupViews.SnapshotSummary);
    });

    public Task<CinderResult> ListDetailAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        return Render(Paging.Apply(http, request, await FilterAsync(http, request), SortKeys, snapshot => snapshot.Id.ToString("D"), "group_snapshots/detail"),
            snapshot => GroupViews.SnapshotDetail(snapshot, request));
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string groupSnapshotId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        return CinderResult.Json(200, new JsonObject { ["group_snapshot"] = GroupViews.SnapshotDetail(await GetAsync(request, groupSnapshotId), request) });
    });

    /// <summary>Starts the delete saga of every member; the group snapshot goes when its last member is gone.</summary>
    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string groupSnapshotId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        var groupSnapshot = await GetAsync(request, groupSnapshotId);
        var now = time.GetUtcNow();
        await groupSnapshots.ChangeAsync(groupSnapshot.ProjectId, groupSnapshot.Id, current =>
            current.Status is GroupSnapshotStatuses.Available or GroupSnapshotStatuses.Error or GroupSnapshotStatuses.ErrorDeleting
                ? new RowChange<GroupSnapshot>(current with { Status = GroupSnapshotStatuses.Deleting, UpdatedAt = now })
                : throw new InvalidStateException($"Invalid group snapshot: Group snapshot status must be available or error, but current status is: {current.Status}."),
            request.CancellationToken);

        var members = await groupSnapshots.ListMembersAsync(groupSnapshot.ProjectId, groupSnapshot.Id, request.CancellationToken);
        foreach (var snapshot in members.Where(snapshot => snapshot.Status != SnapshotStatus.Deleting))
        {
            await snapshotsApi.BeginDeleteAsync(http, snapshot, asGroupMember: true, request.CancellationToken);
        }

        // Without members (or with all already gone) nothing else will finish it.
        await groupSnapshots.FollowMembersAsync(groupSnapshot.ProjectId, groupSnapshot.Id, request.CancellationToken);
        logger.LogInformation("Accepted delete of group snapshot {GroupSnapshotId} ({Count} snapshots)", groupSnapshot.Id, members.Count);
        return CinderResult.Empty(202);
    });

    /// <summary><c>POST /group_snapshots/{id}/action</c>: <c>reset_status</c> (3.19, admin).</summary>
    public Task<CinderResult> ActionAsync(HttpContext http, string projectId, string groupSnapshotId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("reset_status", out var action) || root.EnumerateObject().Count() != 1)
        {
            throw new BadRequestException("Invalid input received: the only group snapshot action is reset_status.");
        }

        request.RequireVersion(19);
        request.RequireAdmin("group:reset_group_snapshot_status");
        var status = GroupRequestParser.ParseResetStatus(action, GroupSnapshotStatuses.All, "Group snapshot");
        var groupSnapshot = await GetAsync(request, groupSnapshotId);
        var now = time.GetUtcNow();
        await groupSnapshots.ChangeAsync(groupSnapshot.ProjectId, groupSnapshot.Id,
            current => new RowChange<GroupSnapshot>(current with { Status = status, UpdatedAt = now }), request.CancellationToken);
        return CinderResult.Empty(202);
    });

    private async Task<GroupSnapshot> GetAsync(RequestContext request, string id) =>
        Guid.TryParse(id, out var parsed) && await groupSnapshots.FindForAsync(request, parsed) is { } found ? found : throw GroupSnapshotStore.NotFound(id);

    private async Task<IEnumerable<GroupSnapshot>> FilterAsync(HttpContext http, RequestContext request)
    {
        var allTenants = ListQuery.AllTenants(http, request);
        IEnumerable<GroupSnapshot> found = await groupSnapshots.ListAsync(allTenants ? null : request.ProjectId, request.CancellationToken);
        if (http.Request.Query["group_id"].ToString() is { Length: > 0 } groupId)
        {
            found = found.Where(snapshot => snapshot.GroupId.ToString("D") == groupId);
        }

        if (http.Request.Query["status"].ToString() is { Length: > 0 } status)
        {
            found = found.Where(snapshot => snapshot.Status == status);
        }

        return found;
    }

    private static CinderResult Render((IReadOnlyList<GroupSnapshot> Page, JsonArray? Links) listing, Func<GroupSnapshot, JsonObject> view)
    {
        var body = new JsonObject { ["group_snapshots"] = new JsonArray([.. listing.Page.Select(snapshot => (JsonNode)view(snapshot))]) };
        if (listing.Links is not null)
        {
            body["group_snapshot_links"] = listing.Links;
        }

        return CinderResult.Json(200, body);
    }

    private static readonly Dictionary<string, Func<GroupSnapshot, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = snapshot => snapshot.CreatedAt,
        ["id"] = snapshot => snapshot.Id.ToString("D"),
        ["name"] = snapshot => snapshot.Name,
        ["status"] = snapshot => snapshot.Status,
    };
}
