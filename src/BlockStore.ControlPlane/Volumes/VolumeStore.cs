using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>Volumes and the quota they hold, as rows of their project's partition (see <see cref="ProjectRows"/>).</summary>
public sealed class VolumeStore(ProjectRows rows)
{
    private static readonly string[] VolumeQuotas = [QuotaResources.Volumes, QuotaResources.Gigabytes];

    /// <summary>Stores a new volume and reserves its quota, or throws <see cref="OverQuotaException"/> and changes nothing.</summary>
    /// <param name="companion">A row written in the same transaction (the idempotency record), or null.</param>
    /// <param name="checkGroup">For a volume joining a group: checks the group as stored, whose row the transaction touches, so a group deleted meanwhile gets no volume.</param>
    public Task CreateAsync(Volume volume, QuotaLimits limits, CancellationToken cancellationToken, Azure.Data.Tables.TableEntity? companion = null, Action<Azure.Data.Tables.TableEntity?>? checkGroup = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(limits);

        // The type's two usage rows are read in parallel with the project's and written in the same transaction; its
        // limits came with the project's (one JSON row per level), so a per-type quota costs no extra round trip.
        var type = volume.VolumeTypeId;
        string[] resources = type is { } id
            ? [.. VolumeQuotas, QuotaResources.ForType(QuotaResources.Volumes, id), QuotaResources.ForType(QuotaResources.Gigabytes, id)]
            : VolumeQuotas;
        return rows.CreateAsync(volume, VolumeEntities.Instance, resources, usage =>
        {
            VolumeQuota.EnsureFits(limits, usage[QuotaResources.Volumes], usage[QuotaResources.Gigabytes], volume.SizeGib);
            var next = new Dictionary<string, QuotaUsage>
            {
                [QuotaResources.Volumes] = usage[QuotaResources.Volumes].Reserve(1),
                [QuotaResources.Gigabytes] = usage[QuotaResources.Gigabytes].Reserve(volume.SizeGib),
            };
            if (type is { } typeId)
            {
                var (count, gigabytes) = (QuotaResources.ForType(QuotaResources.Volumes, typeId), QuotaResources.ForType(QuotaResources.Gigabytes, typeId));
                VolumeQuota.EnsureTypeFits(limits, volume.VolumeType, QuotaResources.Volumes, usage[count], usage[gigabytes], 1, volume.SizeGib);
                next[count] = usage[count].Reserve(1);
                next[gigabytes] = usage[gigabytes].Reserve(volume.SizeGib);
            }

            return next;
        }, cancellationToken, companion: companion,
        guardRowKey: volume.GroupId is { } groupId && checkGroup is not null ? Groups.GroupEntities.RowKey(groupId) : null, checkGuard: checkGroup);
    }

    public Task<Volume?> FindAsync(string projectId, Guid volumeId, CancellationToken cancellationToken) =>
        rows.FindAsync(projectId, VolumeEntities.RowKey(volumeId), VolumeEntities.Instance, cancellationToken);

    /// <summary>The volume in the request's project or, for an admin, in any project; null otherwise (a 404).</summary>
    public Task<Volume?> FindForAsync(Http.RequestContext request, Guid volumeId) =>
        rows.FindForAsync(request, VolumeEntities.RowKey(volumeId), VolumeEntities.Instance);

    /// <summary>The volumes of one project, or of every project when <paramref name="projectId"/> is null.</summary>
    public Task<IReadOnlyList<Volume>> ListAsync(string? projectId, CancellationToken cancellationToken) =>
        rows.ListAsync(projectId, VolumeEntities.Instance, null, cancellationToken);

    /// <summary>Whether any volume, in any project, has the type (a type in use cannot be deleted).</summary>
    public async Task<bool> AnyOfTypeAsync(Guid typeId, CancellationToken cancellationToken) =>
        (await rows.ListAsync(null, VolumeEntities.Instance, $"VolumeTypeId eq guid'{typeId:D}'", cancellationToken)).Count > 0;

    /// <summary>The project's volume quota usage, as stored.</summary>
    public async Task<(QuotaUsage Volumes, QuotaUsage Gigabytes)> GetQuotaUsageAsync(string projectId, CancellationToken cancellationToken)
    {
        var usage = await rows.GetQuotaUsageAsync(projectId, VolumeQuotas, cancellationToken);
        return (usage[QuotaResources.Volumes], usage[QuotaResources.Gigabytes]);
    }

    /// <summary>
    /// Applies the change <paramref name="decide"/> returns for the volume as it is now; a null change is a no-op,
    /// which is how repeated activities stay idempotent. Returns the volume after the change (null once removed).
    /// </summary>
    /// <exception cref="NotFoundException">The volume does not exist.</exception>
    public Task<Volume?> ChangeAsync(string projectId, Guid volumeId, Func<Volume, VolumeChange?> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return ChangeAsync(projectId, volumeId, volume => Task.FromResult(decide(volume)), cancellationToken);
    }

    /// <summary>As above, for decisions that read other rows (the volume's snapshots) after the volume.</summary>
    public Task<Volume?> ChangeAsync(string projectId, Guid volumeId, Func<Volume, Task<VolumeChange?>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return rows.ChangeAsync(projectId, VolumeEntities.RowKey(volumeId), VolumeEntities.Instance,
            async volume => (await decide(volume))?.ToRowChange(volume), () => NotFoundException.Volume(volumeId.ToString("D")), cancellationToken);
    }
}
