using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.Core.Errors;
using static BlockStore.ControlPlane.Storage.TypeRowKeys;

namespace BlockStore.ControlPlane.Storage;

/// <summary>
/// Types kept in one partition of the types table, each as an id row (<c>id_{id}</c>) and a row reserving its name
/// (<c>name_{name}</c>), written in one transaction so that names stay unique across hosts. Found by id or by name, as
/// Cinder accepts either; changed by compare-and-swap on the id row's ETag, a rename moving the name reservation in
/// the same transaction. Volume types and group types are stored this way.
/// </summary>
public abstract class NamedTypeRows<T>(TableSet tables, string partition)
    where T : class
{
    /// <summary>Cinder's word for the kind in messages: "Volume Type", "Group Type".</summary>
    protected abstract string Kind { get; }

    public async Task<IReadOnlyList<T>> ListAsync(CancellationToken cancellationToken)
    {
        await ReadyAsync();
        var types = new List<T>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {IdPrefix} and RowKey lt {"id`"}");
        await foreach (var entity in tables.Types.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            types.Add(FromEntity(entity));
        }

        return types;
    }

    /// <summary>By id, or by name (Cinder accepts either wherever a type is named); null when there is none.</summary>
    public async Task<T?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        await ReadyAsync();
        if (Guid.TryParse(idOrName, out var id) && await FindEntityAsync(IdRow(id), cancellationToken) is { } byId)
        {
            return FromEntity(byId);
        }

        return await FindEntityAsync(NameRow(idOrName), cancellationToken) is { } name && Guid.TryParse(name.GetString("TypeId"), out var named)
            && await FindEntityAsync(IdRow(named), cancellationToken) is { } entity
            ? FromEntity(entity)
            : null;
    }

    /// <param name="record">The idempotency record, inserted in the same transaction (this partition), or null.</param>
    public async Task CreateAsync(T type, CancellationToken cancellationToken, TableEntity? record = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        await ReadyAsync();
        await IdempotencyKeys.InsertAsync(tables.Types, CreateActions(type), record, () => NameTaken(NameOf(type)), cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to the type as stored now; a rename moves the name reservation in the same transaction.</summary>
    /// <param name="record">An idempotency record to insert in the same transaction (a create under a type: its encryption), or null.</param>
    /// <exception cref="DuplicateKeyException">The record exists: another request with its key won.</exception>
    public async Task<T> ChangeAsync(Guid id, Func<T, T> change, CancellationToken cancellationToken, TableEntity? record = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        await ReadyAsync();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var entity = await FindEntityAsync(IdRow(id), cancellationToken) ?? throw TypeNotFound(id.ToString("D"));
            var current = FromEntity(entity);
            T next;
            try
            {
                next = change(current);
            }
            catch (BlockStoreException) when (record is not null)
            {
                // Refused perhaps because a concurrent request with the same key already made the change.
                await ThrowIfRecordedAsync(record, cancellationToken);
                throw;
            }

            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, ToEntity(next), entity.ETag)];
            if (!string.Equals(NameRow(NameOf(current)), NameRow(NameOf(next)), StringComparison.Ordinal))
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, NameRow(NameOf(current))), ETag.All));
                actions.Add(new(TableTransactionActionType.Add, NameEntity(NameOf(next), id)));
            }

            if (record is not null)
            {
                actions.Add(new(TableTransactionActionType.Add, record));
            }

            try
            {
                await tables.Types.SubmitTransactionAsync(actions, cancellationToken);
                return next;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == 2)
            {
                throw NameTaken(NameOf(next));
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone else changed the type meanwhile (perhaps a request with the same key): decide again on what
                // is stored now.
                await ThrowIfRecordedAsync(record, cancellationToken);
            }
        }

        throw new ConflictException($"{Kind} {id} is being changed concurrently; try again.");
    }

    /// <summary>
    /// Deletes the type once <paramref name="ensureDeletable"/> has passed on it as stored now (it throws to refuse),
    /// on condition that the row has not changed since: a change that could make the type undeletable (a project
    /// default set on a volume type bumps its row) makes the delete decide again.
    /// </summary>
    public async Task DeleteAsync(Guid id, Func<T, Task> ensureDeletable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ensureDeletable);
        await ReadyAsync();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var entity = await FindEntityAsync(IdRow(id), cancellationToken) ?? throw TypeNotFound(id.ToString("D"));
            var current = FromEntity(entity);
            await ensureDeletable(current);
            try
            {
                await tables.Types.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Delete, new TableEntity(partition, IdRow(id)), entity.ETag),
                    new(TableTransactionActionType.Delete, new TableEntity(partition, NameRow(NameOf(current))), ETag.All),
                ], cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404)
            {
                throw TypeNotFound(id.ToString("D"));
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412)
            {
                // Changed since it was checked: check again.
            }
        }

        throw new ConflictException($"{Kind} {id} is being changed concurrently; try again.");
    }

    public async Task DeleteAsync(T type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            await tables.Types.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Delete, new TableEntity(partition, IdRow(IdOf(type))), ETag.All),
                new(TableTransactionActionType.Delete, new TableEntity(partition, NameRow(NameOf(type))), ETag.All),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            throw TypeNotFound(IdOf(type).ToString("D"));
        }
    }

    /// <summary>Waits for what the store needs before any read or write (the table; a volume type store's default type).</summary>
    protected virtual Task ReadyAsync() => tables.EnsureCreatedAsync();

    /// <summary>The transaction that stores a new type: its id row and its name reservation.</summary>
    protected IReadOnlyList<TableTransactionAction> CreateActions(T type) =>
    [
        new(TableTransactionActionType.Add, ToEntity(type)),
        new(TableTransactionActionType.Add, NameEntity(NameOf(type), IdOf(type))),
    ];

    protected abstract Guid IdOf(T type);

    protected abstract string NameOf(T type);

    /// <summary>The id row of <paramref name="type"/> (key: <see cref="TypeRowKeys.IdRow"/>).</summary>
    protected abstract TableEntity ToEntity(T type);

    protected abstract T FromEntity(TableEntity entity);

    protected abstract NotFoundException TypeNotFound(string idOrName);

    private ConflictException NameTaken(string name) => new($"{Kind} {name} already exists.");

    /// <summary>When <paramref name="record"/> exists, a request with its key won, and that one's answer is the answer.</summary>
    private async Task ThrowIfRecordedAsync(TableEntity? record, CancellationToken cancellationToken)
    {
        if (record is not null && await FindEntityAsync(record.RowKey, cancellationToken) is not null)
        {
            throw new DuplicateKeyException($"{record.RowKey} exists: another request with the same key won.");
        }
    }

    private async Task<TableEntity?> FindEntityAsync(string rowKey, CancellationToken cancellationToken)
    {
        var response = await tables.Types.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private TableEntity NameEntity(string name, Guid id) => new(partition, NameRow(name)) { ["TypeId"] = id.ToString("D") };
}

/// <summary>The row keys of <see cref="NamedTypeRows{T}"/>.</summary>
internal static class TypeRowKeys
{
    internal const string IdPrefix = "id_";
    private const string NamePrefix = "name_";

    internal static string IdRow(Guid id) => IdPrefix + id.ToString("D");

    /// <summary>The id of the type an id row holds.</summary>
    internal static Guid IdOfRow(TableEntity entity) => Guid.Parse(entity.RowKey.AsSpan(IdPrefix.Length));

    /// <summary>Names are unique regardless of case, as in Cinder's database; escaped because row keys forbid '/', '#', '?'.</summary>
    internal static string NameRow(string name) => NamePrefix + Uri.EscapeDataString(name.ToLowerInvariant());
}
