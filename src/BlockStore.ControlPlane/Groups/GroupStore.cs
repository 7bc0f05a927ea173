using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Groups;
using BlockStore.Core.Quotas;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Groups;

/// <summary>Groups and the <c>groups</c> quota they hold, as rows of their project's partition (see <see cref="ProjectRows"/>).</summary>
public sealed class GroupStore(ProjectRows rows, TimeProvider time)
{
    private static readonly string[] GroupQuotas = [QuotaResources.Groups];

    /// <summary>
    /// Stores a new group and counts it in the project's <c>groups</c> quota in the same transaction (a group needs
    /// no storage, so it is in use at once), or throws <see cref="OverQuotaException"/> and changes nothing.
    /// </summary>
    /// <param name="record">The idempotency record, inserted in the same transaction, or null.</param>
    public Task CreateAsync(Group group, QuotaLimits limits, CancellationToken cancellationToken, TableEntity? record = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        return rows.CreateAsync(group, GroupEntities.Instance, GroupQuotas, usage =>
        {
            GroupQuota.EnsureFits(limits, usage[QuotaResources.Groups]);
            return new Dictionary<string, QuotaUsage> { [QuotaResources.Groups] = usage[QuotaResources.Groups] with { InUse = usage[QuotaResources.Groups].InUse + 1 } };
        }, cancellationToken, companion: record);
    }

    public Task<Group?> FindAsync(string projectId, Guid groupId, CancellationToken cancellationToken) =>
        rows.FindAsync(projectId, GroupEntities.RowKey(groupId), GroupEntities.Instance, cancellationToken);

    /// <summary>The group in the request's project or, for an admin, in any project; null otherwise.</summary>
    public Task<Group?> FindForAsync(Http.RequestContext request, Guid groupId) =>
        rows.FindForAsync(request, GroupEntities.RowKey(groupId), GroupEntities.Instance);

    /// <summary>The groups of one project, or of every project when <paramref name="projectId"/> is null.</summary>
    public Task<IReadOnlyList<Group>> ListAsync(string? projectId, CancellationToken cancellationToken) =>
        rows.ListAsync(projectId, GroupEntities.Instance, null, cancellationToken);

    /// <summary>Whether any group, in any project, has the group type (a type in use cannot be deleted).</summary>
    public async Task<bool> AnyOfTypeAsync(Guid groupTypeId, CancellationToken cancellationToken) =>
        (await rows.ListAsync(null, GroupEntities.Instance, $"GroupTypeId eq guid'{groupTypeId:D}'", cancellationToken)).Count > 0;

    /// <summary>The volumes that belong to the group.</summary>
    public Task<IReadOnlyList<Volume>> ListVolumesAsync(string projectId, Guid groupId, CancellationToken cancellationToken) =>
        rows.ListAsync(projectId, VolumeEntities.Instance, TableClient.CreateQueryFilter($"GroupId eq {groupId}"), cancellationToken);

    /// <summary>Applies a change decided on the group as stored now; null is a no-op. Returns the group after it (null once removed).</summary>
    public Task<Group?> ChangeAsync(string projectId, Guid groupId, Func<Group, RowChange<Group>?> decide, CancellationToken cancellationToken) =>
        rows.ChangeAsync(projectId, GroupEntities.RowKey(groupId), GroupEntities.Instance, decide, () => NotFound(groupId.ToString("D")), cancellationToken);

    /// <summary>
    /// Moves a group created from a source after its new volumes: while <c>creating</c>, to <c>available</c> once all are
    /// available, to <c>error</c> once one failed. Idempotent: it decides only on what is stored.
    /// </summary>
    public async Task FollowMembersAsync(string projectId, Guid groupId, CancellationToken cancellationToken)
    {
        try
        {
            // The members are read after the group, whose ETag then guards the decision.
            await rows.ChangeAsync(projectId, GroupEntities.RowKey(groupId), GroupEntities.Instance, async current =>
            {
                if (current.Status != GroupStatuses.Creating)
                {
                    return null;
                }

                var members = await ListVolumesAsync(projectId, groupId, cancellationToken);
                var next = members.Any(volume => volume.Status == VolumeStatus.Error) ? GroupStatuses.Error
                    : members.All(volume => volume.Status == VolumeStatus.Available) ? GroupStatuses.Available
                    : null;
                return next is null ? null : new RowChange<Group>(current with { Status = next, UpdatedAt = time.GetUtcNow() });
            }, () => NotFound(groupId.ToString("D")), cancellationToken);
        }
        catch (NotFoundException)
        {
            // The group is gone; its volumes no longer follow it.
        }
    }

    /// <summary>Removes the group row and gives its <c>groups</c> quota back, in one transaction.</summary>
    public static RowChange<Group> Removal() =>
        new(null) { Quota = new Dictionary<string, Func<QuotaUsage, QuotaUsage>> { [QuotaResources.Groups] = usage => usage.ReleaseInUse(1) } };

    public static NotFoundException NotFound(string id) => new($"Group {id} could not be found.");
}
