using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Snapshots;

/// <summary>Snapshots and the quota they hold (snapshots, gigabytes), as rows of their project's partition.</summary>
public sealed class SnapshotStore(ProjectRows rows)
{
    private static readonly string[] SnapshotQuotas = [QuotaResources.Snapshots, QuotaResources.Gigabytes];

    /// <summary>
    /// Stores a new snapshot and reserves its quota, if its volume is still in a state <paramref name="checkVolume"/>
    /// accepts. The volume row is touched in the same transaction, so a concurrent delete of the volume and this
    /// create cannot both succeed.
    /// </summary>
    /// <param name="typeName">The name of the volume's type (<see cref="Snapshot.VolumeTypeId"/>), for its per-type limits.</param>
    public Task CreateAsync(Snapshot snapshot, QuotaLimits limits, Action<Volume?> checkVolume, CancellationToken cancellationToken, TableEntity? companion = null, string? typeName = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(checkVolume);
        ArgumentNullException.ThrowIfNull(limits);
        var type = snapshot.VolumeTypeId;
        string[] resources = type is { } id
            ? [.. SnapshotQuotas, QuotaResources.ForType(QuotaResources.Snapshots, id), QuotaResources.ForType(QuotaResources.Gigabytes, id)]
            : SnapshotQuotas;
        return rows.CreateAsync(snapshot, SnapshotEntities.Instance, resources, usage =>
        {
            VolumeQuota.EnsureSnapshotFits(limits, usage[QuotaResources.Snapshots], usage[QuotaResources.Gigabytes], snapshot.SizeGib);
            var next = new Dictionary<string, QuotaUsage>
            {
                [QuotaResources.Snapshots] = usage[QuotaResources.Snapshots].Reserve(1),
                [QuotaResources.Gigabytes] = usage[QuotaResources.Gigabytes].Reserve(snapshot.SizeGib),
            };
            if (type is { } typeId)
            {
                var (count, gigabytes) = (QuotaResources.ForType(QuotaResources.Snapshots, typeId), QuotaResources.ForType(QuotaResources.Gigabytes, typeId));
                VolumeQuota.EnsureTypeFits(limits, typeName ?? "", QuotaResources.Snapshots, usage[count], usage[gigabytes], 1, snapshot.SizeGib);
                next[count] = usage[count].Reserve(1);
                next[gigabytes] = usage[gigabytes].Reserve(snapshot.SizeGib);
            }

            return next;
        }, cancellationToken,
        guardRowKey: VolumeEntities.RowKey(snapshot.VolumeId),
        checkGuard: entity => checkVolume(entity is null ? null : VolumeEntities.Instance.FromEntity(entity)),
        companion: companion);
    }

    public Task<Snapshot?> FindAsync(string projectId, Guid snapshotId, CancellationToken cancellationToken) =>
        rows.FindAsync(projectId, SnapshotEntities.RowKey(snapshotId), SnapshotEntities.Instance, cancellationToken);

    /// <summary>The snapshot in the request's project or, for an admin, in any project; null otherwise.</summary>
    public Task<Snapshot?> FindForAsync(Http.RequestContext request, Guid snapshotId) =>
        rows.FindForAsync(request, SnapshotEntities.RowKey(snapshotId), SnapshotEntities.Instance);

    public Task<IReadOnlyList<Snapshot>> ListAsync(string? projectId, CancellationToken cancellationToken) =>
        rows.ListAsync(projectId, SnapshotEntities.Instance, null, cancellationToken);

    /// <summary>How many snapshots the volume has; a volume with snapshots cannot be deleted.</summary>
    public Task<int> CountOfVolumeAsync(string projectId, Guid volumeId, CancellationToken cancellationToken) =>
        rows.CountAsync(projectId, SnapshotEntities.Instance, TableClient.CreateQueryFilter($"VolumeId eq {volumeId}"), cancellationToken);

    /// <summary>The volume's snapshots with their ETags, for a change of the volume that moves them too.</summary>
    public Task<IReadOnlyList<(Snapshot Row, Azure.ETag ETag)>> ListOfVolumeTrackedAsync(string projectId, Guid volumeId, CancellationToken cancellationToken) =>
        rows.ListTrackedAsync(projectId, SnapshotEntities.Instance, TableClient.CreateQueryFilter($"VolumeId eq {volumeId}"), cancellationToken);

    /// <summary>The row that replaces a snapshot read with <paramref name="etag"/>, only if it has not changed since.</summary>
    public static TableEntity Replacement(Snapshot next, Azure.ETag etag)
    {
        var entity = SnapshotEntities.Instance.ToEntity(next);
        entity.ETag = etag;
        return entity;
    }

    public async Task<(QuotaUsage Snapshots, QuotaUsage Gigabytes)> GetQuotaUsageAsync(string projectId, CancellationToken cancellationToken)
    {
        var usage = await rows.GetQuotaUsageAsync(projectId, SnapshotQuotas, cancellationToken);
        return (usage[QuotaResources.Snapshots], usage[QuotaResources.Gigabytes]);
    }

    /// <summary>Applies a change decided on the snapshot as stored now; null is a no-op. Returns the snapshot after it (null once removed).</summary>
    public Task<Snapshot?> ChangeAsync(string projectId, Guid snapshotId, Func<Snapshot, RowChange<Snapshot>?> decide, CancellationToken cancellationToken) =>
        rows.ChangeAsync(projectId, SnapshotEntities.RowKey(snapshotId), SnapshotEntities.Instance, decide,
            () => NotFoundException.Snapshot(snapshotId.ToString("D")), cancellationToken);
}
