using Azure.Data.Tables;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Groups;
using BlockStore.Core.Snapshots;

namespace BlockStore.ControlPlane.Groups;

/// <summary>
/// Group snapshots as rows of their project's partition. A group snapshot's status follows its member snapshots:
/// whenever one of them finishes, <see cref="FollowMembersAsync"/> decides again on what is stored.
/// </summary>
public sealed class GroupSnapshotStore(ProjectRows rows, TimeProvider time)
{
    /// <summary>
    /// Stores a new group snapshot if its group, read and touched in the same transaction, is still one
    /// <paramref name="checkGroup"/> accepts; so a group deleted meanwhile cannot get a snapshot.
    /// </summary>
    /// <param name="record">The idempotency record, inserted in the same transaction, or null.</param>
    public Task CreateAsync(GroupSnapshot snapshot, Action<Group?> checkGroup, CancellationToken cancellationToken, TableEntity? record = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(checkGroup);
        return rows.CreateAsync(snapshot, GroupSnapshotEntities.Instance, [], _ => new Dictionary<string, Core.Quotas.QuotaUsage>(), cancellationToken,
            guardRowKey: GroupEntities.RowKey(snapshot.GroupId),
            checkGuard: entity => checkGroup(entity is null ? null : GroupEntities.Instance.FromEntity(entity)),
            companion: record);
    }

    public Task<GroupSnapshot?> FindAsync(string projectId, Guid id, CancellationToken cancellationToken) =>
        rows.FindAsync(projectId, GroupSnapshotEntities.RowKey(id), GroupSnapshotEntities.Instance, cancellationToken);

    /// <summary>The group snapshot in the request's project or, for an admin, in any project; null otherwise.</summary>
    public Task<GroupSnapshot?> FindForAsync(Http.RequestContext request, Guid id) =>
        rows.FindForAsync(request, GroupSnapshotEntities.RowKey(id), GroupSnapshotEntities.Instance);

    public Task<IReadOnlyList<GroupSnapshot>> ListAsync(string? projectId, CancellationToken cancellationToken) =>
        rows.ListAsync(projectId, GroupSnapshotEntities.Instance, null, cancellationToken);

    public Task<IReadOnlyList<GroupSnapshot>> ListOfGroupAsync(string projectId, Guid groupId, CancellationToken cancellationToken) =>
        rows.ListAsync(projectId, GroupSnapshotEntities.Instance, TableClient.CreateQueryFilter($"GroupId eq {groupId}"), cancellationToken);

    /// <summary>The snapshots taken for the group snapshot.</summary>
    public Task<IReadOnlyList<Snapshot>> ListMembersAsync(string projectId, Guid id, CancellationToken cancellationToken) =>
        rows.ListAsync(projectId, SnapshotEntities.Instance, TableClient.CreateQueryFilter($"GroupSnapshotId eq {id}"), cancellationToken);

    public Task<GroupSnapshot?> ChangeAsync(string projectId, Guid id, Func<GroupSnapshot, RowChange<GroupSnapshot>?> decide, CancellationToken cancellationToken) =>
        rows.ChangeAsync(projectId, GroupSnapshotEntities.RowKey(id), GroupSnapshotEntities.Instance, decide, () => NotFound(id.ToString("D")), cancellationToken);

    /// <summary>
    /// Moves the group snapshot after its members: while <c>creating</c>, to <c>available</c> once all are available or
    /// to <c>error</c> once one failed; while <c>deleting</c>, away once none is left or to <c>error_deleting</c> once a
    /// delete failed. Idempotent: it only reads what is stored, so a repeated activity decides the same.
    /// </summary>
    public async Task FollowMembersAsync(string projectId, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            // The members are read after the group snapshot, whose ETag then guards the decision.
            await rows.ChangeAsync(projectId, GroupSnapshotEntities.RowKey(id), GroupSnapshotEntities.Instance,
                async current => Follow(current, await ListMembersAsync(projectId, id, cancellationToken)), () => NotFound(id.ToString("D")), cancellationToken);
        }
        catch (NotFoundException)
        {
            // Already gone: its last member's delete finished it.
        }
    }

    private RowChange<GroupSnapshot>? Follow(GroupSnapshot current, IReadOnlyList<Snapshot> members)
    {
        var now = time.GetUtcNow();
        if (current.Status == GroupSnapshotStatuses.Creating)
        {
            var next = GroupSnapshotStatuses.AfterCreate([.. members.Select(member => member.Status)]);
            return next == current.Status ? null : new RowChange<GroupSnapshot>(current with { Status = next, UpdatedAt = now });
        }

        if (current.Status == GroupSnapshotStatuses.Deleting)
        {
            if (members.Count == 0)
            {
                return new RowChange<GroupSnapshot>(null);
            }

            return members.Any(member => member.Status == SnapshotStatus.ErrorDeleting)
                ? new RowChange<GroupSnapshot>(current with { Status = GroupSnapshotStatuses.ErrorDeleting, UpdatedAt = now })
                : null;
        }

        return null;
    }

    public static NotFoundException NotFound(string id) => new($"GroupSnapshot {id} could not be found.");
}
