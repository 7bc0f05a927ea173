using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>
/// Volumes and their quota in Table storage. Every change is a compare-and-swap on the ETags of the volume
/// and quota rows, submitted as one transaction; a lost race re-reads and decides again.
/// </summary>
public sealed class VolumeStore(TableSet tables)
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// Quota changes of one project queue up in this process instead of racing: every loser of an ETag race
    /// costs three more round trips. Striped by project so memory stays fixed; other processes still meet at the
    /// ETags, which alone guarantee correctness.
    /// </summary>
    private readonly SemaphoreSlim[] _quotaLanes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Stores a new volume and reserves its quota, or throws <see cref="OverQuotaException"/> and changes nothing.</summary>
    public async Task CreateAsync(Volume volume, QuotaLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(volume);
        await tables.EnsureCreatedAsync();
        using var lane = await EnterQuotaLaneAsync(volume.ProjectId, cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var (volumesRow, gigabytesRow) = await ReadQuotaRowsAsync(volume.ProjectId, cancellationToken);
            var volumes = QuotaEntities.FromEntity(volumesRow);
            var gigabytes = QuotaEntities.FromEntity(gigabytesRow);
            VolumeQuota.EnsureFits(limits, volumes, gigabytes, volume.SizeGib);

            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Add, VolumeEntities.ToEntity(volume)),
                QuotaAction(volume.ProjectId, QuotaEntities.Volumes, volumesRow, volumes.Reserve(1)),
                QuotaAction(volume.ProjectId, QuotaEntities.Gigabytes, gigabytesRow, gigabytes.Reserve(volume.SizeGib)),
            ];
            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return;
            }
        }

        throw new ConflictException("Too many concurrent changes to this project's quota; try again.");
    }

    public async Task<Volume?> FindAsync(string projectId, Guid volumeId, CancellationToken cancellationToken)
    {
        var entity = await FindEntityAsync(projectId, VolumeEntities.RowKey(volumeId), cancellationToken);
        return entity is null ? null : VolumeEntities.FromEntity(entity);
    }

    /// <summary>The volumes of one project, or of every project when <paramref name="projectId"/> is null.</summary>
    public async Task<IReadOnlyList<Volume>> ListAsync(string? projectId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var filter = projectId is null
            ? TableClient.CreateQueryFilter($"RowKey ge {VolumeEntities.RowPrefix} and RowKey lt {VolumeEntities.RowPrefixEnd}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and RowKey ge {VolumeEntities.RowPrefix} and RowKey lt {VolumeEntities.RowPrefixEnd}");
        var volumes = new List<Volume>();
        await foreach (var entity in tables.Projects.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            volumes.Add(VolumeEntities.FromEntity(entity));
        }

        return volumes;
    }

    /// <summary>Whether any volume, in any project, has the type (a type in use cannot be deleted).</summary>
    public async Task<bool> AnyOfTypeAsync(Guid typeId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {VolumeEntities.RowPrefix} and RowKey lt {VolumeEntities.RowPrefixEnd} and VolumeTypeId eq {typeId}");
        await foreach (var _ in tables.Projects.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>The project's quota usage, as stored.</summary>
    public async Task<(QuotaUsage Volumes, QuotaUsage Gigabytes)> GetQuotaUsageAsync(string projectId, CancellationToken cancellationToken)
    {
        var (volumes, gigabytes) = await ReadQuotaRowsAsync(projectId, cancellationToken);
        return (QuotaEntities.FromEntity(volumes), QuotaEntities.FromEntity(gigabytes));
    }

    /// <summary>
    /// Applies the change <paramref name="decide"/> returns for the volume as it is now; a null change is a no-op,
    /// which is how repeated activities stay idempotent. Returns the volume after the change (null once removed).
    /// </summary>
    /// <exception cref="NotFoundException">The volume does not exist.</exception>
    public async Task<Volume?> ChangeAsync(string projectId, Guid volumeId, Func<Volume, VolumeChange?> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entity = await FindEntityAsync(projectId, VolumeEntities.RowKey(volumeId), cancellationToken)
                ?? throw NotFoundException.Volume(volumeId.ToString("D"));
            var current = VolumeEntities.FromEntity(entity);
            var change = decide(current);
            if (change is null)
            {
                return current;
            }

            List<TableTransactionAction> actions = change.Next is null
                ? [new(TableTransactionActionType.Delete, entity, entity.ETag)]
                : [new(TableTransactionActionType.UpdateReplace, VolumeEntities.ToEntity(change.Next), entity.ETag)];
            using var lane = change.TouchesQuota ? await EnterQuotaLaneAsync(projectId, cancellationToken) : null;
            if (change.TouchesQuota)
            {
                var (volumesRow, gigabytesRow) = await ReadQuotaRowsAsync(projectId, cancellationToken);
                if (change.Volumes is { } moveVolumes)
                {
                    actions.Add(QuotaAction(projectId, QuotaEntities.Volumes, volumesRow, moveVolumes(QuotaEntities.FromEntity(volumesRow))));
                }

                if (change.Gigabytes is { } moveGigabytes)
                {
                    actions.Add(QuotaAction(projectId, QuotaEntities.Gigabytes, gigabytesRow, moveGigabytes(QuotaEntities.FromEntity(gigabytesRow))));
                }
            }

            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return change.Next;
            }
        }

        throw new ConflictException($"Volume {volumeId} is being changed concurrently; try again.");
    }

    private async Task<IDisposable> EnterQuotaLaneAsync(string projectId, CancellationToken cancellationToken)
    {
        var lane = _quotaLanes[(int)((uint)StringComparer.Ordinal.GetHashCode(projectId) % (uint)_quotaLanes.Length)];
        await lane.WaitAsync(cancellationToken);
        return new LaneExit(lane);
    }

    private sealed class LaneExit(SemaphoreSlim lane) : IDisposable
    {
        public void Dispose() => lane.Release();
    }

    private static TableTransactionAction QuotaAction(string projectId, string rowKey, TableEntity? current, QuotaUsage next) =>
        current is null
            ? new(TableTransactionActionType.Add, QuotaEntities.ToEntity(projectId, rowKey, next))
            : new(TableTransactionActionType.UpdateReplace, QuotaEntities.ToEntity(projectId, rowKey, next), current.ETag);

    /// <summary>Submits a transaction; false when another writer won the race (a changed ETag or a row added meanwhile).</summary>
    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Projects.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task<(TableEntity? Volumes, TableEntity? Gigabytes)> ReadQuotaRowsAsync(string projectId, CancellationToken cancellationToken)
    {
        var volumes = FindEntityAsync(projectId, QuotaEntities.Volumes, cancellationToken);
        var gigabytes = FindEntityAsync(projectId, QuotaEntities.Gigabytes, cancellationToken);
        return (await volumes, await gigabytes);
    }

    private async Task<TableEntity?> FindEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await tables.Projects.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
