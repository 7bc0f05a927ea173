using Azure;
using Azure.Data.Tables;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;

namespace BlockStore.ControlPlane.Storage;

/// <summary>
/// A project's resources and quota usage in one Table partition. Every change is a compare-and-swap on the ETags of
/// the resource row and the quota rows it moves, submitted as one transaction; a lost race re-reads and decides again.
/// </summary>
public sealed class ProjectRows(TableSet tables)
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// Quota changes of one project queue up in this process instead of racing: every loser of an ETag race costs
    /// three more round trips. Striped by project so memory stays fixed; other processes still meet at the ETags,
    /// which alone guarantee correctness.
    /// </summary>
    private readonly SemaphoreSlim[] _quotaLanes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Inserts <paramref name="row"/> and moves the quota <paramref name="reserve"/> returns for the usage as stored now
    /// (it throws <see cref="OverQuotaException"/> to refuse, and nothing is written).
    /// </summary>
    /// <param name="companion">
    /// A row inserted in the same transaction (an idempotency record); if it already exists, nothing is written and
    /// <see cref="Idempotency.DuplicateKeyException"/> is thrown.
    /// </param>
    /// <param name="guardRowKey">
    /// A row of the same project that must not change meanwhile (a snapshot's volume): <paramref name="checkGuard"/>
    /// sees it as stored, and the transaction touches it on its ETag, so a concurrent change of either side fails.
    /// </param>
    public async Task CreateAsync<T>(
        T row,
        IRowMapper<T> mapper,
        IReadOnlyList<string> resources,
        Func<IReadOnlyDictionary<string, QuotaUsage>, IReadOnlyDictionary<string, QuotaUsage>> reserve,
        CancellationToken cancellationToken,
        string? guardRowKey = null,
        Action<TableEntity?>? checkGuard = null,
        TableEntity? companion = null)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(reserve);
        await tables.EnsureCreatedAsync();
        var projectId = mapper.ProjectOf(row);
        using var lane = await EnterQuotaLaneAsync(projectId, cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, mapper.ToEntity(row))];
            if (companion is not null)
            {
                // Checked on every attempt: a transaction that failed may have lost to the same key, and the
                // emulator does not always say which action failed.
                if (await FindEntityAsync(projectId, companion.RowKey, cancellationToken) is not null)
                {
                    throw new Idempotency.DuplicateKeyException($"{companion.RowKey} exists: another request with the same key won.");
                }

                actions.Add(new(TableTransactionActionType.Add, companion));
            }

            if (guardRowKey is not null)
            {
                var guard = await FindEntityAsync(projectId, guardRowKey, cancellationToken);
                checkGuard?.Invoke(guard);
                if (guard is not null)
                {
                    actions.Add(new(TableTransactionActionType.UpdateMerge, new TableEntity(projectId, guardRowKey) { ["ChildrenChangedAt"] = DateTimeOffset.UtcNow }, guard.ETag));
                }
            }

            var rows = await ReadQuotaRowsAsync(projectId, resources, cancellationToken);
            var next = reserve(rows.ToDictionary(pair => pair.Key, pair => QuotaEntities.FromEntity(pair.Value)));
            actions.AddRange(next.Select(pair => QuotaAction(projectId, pair.Key, rows[pair.Key], pair.Value)));
            try
            {
                if (await TrySubmitAsync(actions, cancellationToken, rethrowFailureAt: companion is null ? null : 1))
                {
                    return;
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                throw new Idempotency.DuplicateKeyException($"{companion!.RowKey} exists: another request with the same key won.");
            }
        }

        throw new ConflictException("Too many concurrent changes to this project's quota; try again.");
    }

    public async Task<T?> FindAsync<T>(string projectId, string rowKey, IRowMapper<T> mapper, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(mapper);
        var entity = await FindEntityAsync(projectId, rowKey, cancellationToken);
        return entity is null ? null : mapper.FromEntity(entity);
    }

    /// <summary>
    /// The row in the request's project or, for an admin, in any project (Cinder's admin context is not limited to the
    /// project in the URL). Everyone else gets null for another project's row, so it answers 404.
    /// </summary>
    public async Task<T?> FindForAsync<T>(Http.RequestContext request, string rowKey, IRowMapper<T> mapper)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return await FindAsync(request.ProjectId, rowKey, mapper, request.CancellationToken)
            ?? (request.IsAdmin
                ? (await ListAsync(null, mapper, TableClient.CreateQueryFilter($"RowKey eq {rowKey}"), request.CancellationToken)).SingleOrDefault()
                : null);
    }

    /// <summary>The rows of one kind in one project, or in every project when <paramref name="projectId"/> is null.</summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(string? projectId, IRowMapper<T> mapper, string? extraFilter, CancellationToken cancellationToken) =>
        [.. (await ListTrackedAsync(projectId, mapper, extraFilter, cancellationToken)).Select(tracked => tracked.Row)];

    /// <summary>As <see cref="ListAsync{T}"/>, with each row's ETag, for a change that must hold only if none of them moved.</summary>
    public async Task<IReadOnlyList<(T Row, ETag ETag)>> ListTrackedAsync<T>(string? projectId, IRowMapper<T> mapper, string? extraFilter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        await tables.EnsureCreatedAsync();
        var end = mapper.RowPrefix[..^1] + (char)(mapper.RowPrefix[^1] + 1);
        var filter = projectId is null
            ? TableClient.CreateQueryFilter($"RowKey ge {mapper.RowPrefix} and RowKey lt {end}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and RowKey ge {mapper.RowPrefix} and RowKey lt {end}");
        if (extraFilter is not null)
        {
            filter = $"{filter} and ({extraFilter})";
        }

        var rows = new List<(T, ETag)>();
        await foreach (var entity in tables.Projects.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add((mapper.FromEntity(entity), entity.ETag));
        }

        return rows;
    }

    /// <summary>How many rows of one kind in the project match <paramref name="filter"/> (an OData filter on their properties).</summary>
    public async Task<int> CountAsync<T>(string projectId, IRowMapper<T> mapper, string filter, CancellationToken cancellationToken) =>
        (await ListAsync(projectId, mapper, filter, cancellationToken)).Count;

    /// <summary>The project's usage of the named resources, as stored.</summary>
    public async Task<IReadOnlyDictionary<string, QuotaUsage>> GetQuotaUsageAsync(string projectId, IReadOnlyList<string> resources, CancellationToken cancellationToken)
    {
        var rows = await ReadQuotaRowsAsync(projectId, resources, cancellationToken);
        return rows.ToDictionary(pair => pair.Key, pair => QuotaEntities.FromEntity(pair.Value));
    }

    /// <summary>
    /// Applies the change <paramref name="decide"/> returns for the row as it is now; a null change is a no-op, which is
    /// how repeated activities stay idempotent. Returns the row after the change (null once removed).
    /// </summary>
    /// <exception cref="NotFoundException">The row does not exist (<paramref name="notFound"/> words it).</exception>
    public Task<T?> ChangeAsync<T>(
        string projectId,
        string rowKey,
        IRowMapper<T> mapper,
        Func<T, RowChange<T>?> decide,
        Func<NotFoundException> notFound,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(decide);
        return ChangeAsync(projectId, rowKey, mapper, row => Task.FromResult(decide(row)), notFound, cancellationToken);
    }

    /// <summary>
    /// As <see cref="ChangeAsync{T}(string, string, IRowMapper{T}, Func{T, RowChange{T}?}, Func{NotFoundException}, CancellationToken)"/>,
    /// for decisions that read other rows after this one (its ETag, read first, still guards the whole decision).
    /// </summary>
    public async Task<T?> ChangeAsync<T>(
        string projectId,
        string rowKey,
        IRowMapper<T> mapper,
        Func<T, Task<RowChange<T>?>> decide,
        Func<NotFoundException> notFound,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(notFound);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entity = await FindEntityAsync(projectId, rowKey, cancellationToken) ?? throw notFound();
            var current = mapper.FromEntity(entity);
            var change = await decide(current);
            if (change is null)
            {
                return current;
            }

            List<TableTransactionAction> actions = change.Next is null
                ? [new(TableTransactionActionType.Delete, entity, entity.ETag)]
                : [new(TableTransactionActionType.UpdateReplace, mapper.ToEntity(change.Next), entity.ETag)];
            using var lane = change.Quota.Count > 0 ? await EnterQuotaLaneAsync(projectId, cancellationToken) : null;
            if (change.Quota.Count > 0)
            {
                var rows = await ReadQuotaRowsAsync(projectId, [.. change.Quota.Keys], cancellationToken);
                actions.AddRange(change.Quota.Select(pair =>
                    QuotaAction(projectId, pair.Key, rows[pair.Key], pair.Value(QuotaEntities.FromEntity(rows[pair.Key])))));
            }

            actions.AddRange(change.Inserts.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
            actions.AddRange(change.Updates.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag)));

            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return change.Next;
            }
        }

        throw new ConflictException($"{rowKey} is being changed concurrently; try again.");
    }

    private async Task<IDisposable> EnterQuotaLaneAsync(string projectId, CancellationToken cancellationToken)
    {
        var lane = _quotaLanes[(int)((uint)StringComparer.Ordinal.GetHashCode(projectId) % (uint)_quotaLanes.Length)];
        await lane.WaitAsync(cancellationToken);
        return new LaneExit(lane);
    }

    private static TableTransactionAction QuotaAction(string projectId, string resource, TableEntity? current, QuotaUsage next) =>
        current is null
            ? new(TableTransactionActionType.Add, QuotaEntities.ToEntity(projectId, QuotaEntities.RowKey(resource), next))
            : new(TableTransactionActionType.UpdateReplace, QuotaEntities.ToEntity(projectId, QuotaEntities.RowKey(resource), next), current.ETag);

    /// <summary>Submits a transaction; false when another writer won the race (a changed ETag or a row added meanwhile).</summary>
    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken, int? rethrowFailureAt = null)
    {
        try
        {
            await tables.Projects.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && (rethrowFailureAt is null || ex.FailedTransactionActionIndex != rethrowFailureAt))
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task<Dictionary<string, TableEntity?>> ReadQuotaRowsAsync(string projectId, IReadOnlyList<string> resources, CancellationToken cancellationToken)
    {
        var reads = resources.Select(resource => FindEntityAsync(projectId, QuotaEntities.RowKey(resource), cancellationToken)).ToArray();
        var rows = await Task.WhenAll(reads);
        return resources.Select((resource, i) => (resource, rows[i])).ToDictionary(pair => pair.resource, pair => pair.Item2);
    }

    private async Task<TableEntity?> FindEntityAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await tables.Projects.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private sealed class LaneExit(SemaphoreSlim lane) : IDisposable
    {
        public void Dispose() => lane.Release();
    }
}
