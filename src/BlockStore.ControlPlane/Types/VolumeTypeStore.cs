using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Types;

namespace BlockStore.ControlPlane.Types;

/// <summary>
/// Volume types in Table storage. A type's row and the row reserving its name are written in one transaction, so
/// names stay unique across hosts; changes are compare-and-swaps on the type row's ETag.
/// </summary>
public sealed class VolumeTypeStore(TableSet tables, TimeProvider time)
{
    internal const string Partition = "type";
    private const string IdPrefix = "id_";
    private const string NamePrefix = "name_";

    private readonly Lazy<Task> _defaultCreated = new(() => CreateDefaultAsync(tables, time));

    public async Task<IReadOnlyList<VolumeType>> ListAsync(CancellationToken cancellationToken)
    {
        await ReadyAsync();
        var types = new List<VolumeType>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {IdPrefix} and RowKey lt {"id`"}");
        await foreach (var entity in tables.Types.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            types.Add(FromEntity(entity));
        }

        return types;
    }

    /// <summary>By id, or by name (Cinder accepts either wherever a type is named); null when there is none.</summary>
    public async Task<VolumeType?> FindAsync(string idOrName, CancellationToken cancellationToken)
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

    public async Task<VolumeType> GetDefaultAsync(CancellationToken cancellationToken) =>
        await FindAsync(VolumeType.DefaultId.ToString("D"), cancellationToken) ?? throw new InvalidOperationException("The default volume type is missing.");

    /// <param name="record">The idempotency record, inserted in the same transaction (partition <see cref="Partition"/>), or null.</param>
    public async Task CreateAsync(VolumeType type, CancellationToken cancellationToken, TableEntity? record = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        await ReadyAsync();
        await Idempotency.IdempotencyKeys.InsertAsync(tables.Types,
        [
            new(TableTransactionActionType.Add, ToEntity(type)),
            new(TableTransactionActionType.Add, new TableEntity(Partition, NameRow(type.Name)) { ["TypeId"] = type.Id.ToString("D") }),
        ], record, () => new ConflictException($"Volume Type {type.Name} already exists."), cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to the type as stored now; a rename moves the name reservation in the same transaction.</summary>
    /// <param name="record">An idempotency record to insert in the same transaction (a create under a type: its encryption), or null.</param>
    /// <exception cref="Idempotency.DuplicateKeyException">The record exists: another request with its key won.</exception>
    public async Task<VolumeType> ChangeAsync(Guid id, Func<VolumeType, VolumeType> change, CancellationToken cancellationToken, TableEntity? record = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        await ReadyAsync();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var entity = await FindEntityAsync(IdRow(id), cancellationToken) ?? throw NotFound(id.ToString("D"));
            var current = FromEntity(entity);
            VolumeType next;
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
            if (!string.Equals(NameRow(current.Name), NameRow(next.Name), StringComparison.Ordinal))
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(Partition, NameRow(current.Name)), ETag.All));
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, NameRow(next.Name)) { ["TypeId"] = id.ToString("D") }));
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
                throw new ConflictException($"Volume Type {next.Name} already exists.");
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone else changed the type meanwhile (perhaps a request with the same key): decide again on what
                // is stored now.
                await ThrowIfRecordedAsync(record, cancellationToken);
            }
        }

        throw new ConflictException($"Volume type {id} is being changed concurrently; try again.");
    }

    /// <summary>When <paramref name="record"/> exists, a request with its key won, and that one's answer is the answer.</summary>
    private async Task ThrowIfRecordedAsync(TableEntity? record, CancellationToken cancellationToken)
    {
        if (record is not null && await FindEntityAsync(record.RowKey, cancellationToken) is not null)
        {
            throw new Idempotency.DuplicateKeyException($"{record.RowKey} exists: another request with the same key won.");
        }
    }

    public async Task DeleteAsync(VolumeType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            await tables.Types.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Delete, new TableEntity(Partition, IdRow(type.Id)), ETag.All),
                new(TableTransactionActionType.Delete, new TableEntity(Partition, NameRow(type.Name)), ETag.All),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            throw NotFound(type.Id.ToString("D"));
        }
    }

    public static NotFoundException NotFound(string idOrName) => new($"Volume type {idOrName} could not be found.");

    private Task ReadyAsync() => _defaultCreated.Value;

    private static async Task CreateDefaultAsync(TableSet tables, TimeProvider time)
    {
        await tables.EnsureCreatedAsync();
        var type = new VolumeType
        {
            Id = VolumeType.DefaultId,
            Name = VolumeType.DefaultName,
            Description = "Default Volume Type",
            CreatedAt = time.GetUtcNow(),
        };
        try
        {
            await tables.Types.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, ToEntity(type)),
                new(TableTransactionActionType.Add, new TableEntity(Partition, NameRow(type.Name)) { ["TypeId"] = type.Id.ToString("D") }),
            ]);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Another host created it first.
        }
    }

    private async Task<TableEntity?> FindEntityAsync(string rowKey, CancellationToken cancellationToken)
    {
        var response = await tables.Types.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    internal static string IdRow(Guid id) => IdPrefix + id.ToString("D");

    /// <summary>Names are unique regardless of case, as in Cinder's database; escaped because row keys forbid '/', '#', '?'.</summary>
    private static string NameRow(string name) => NamePrefix + Uri.EscapeDataString(name.ToLowerInvariant());

    internal static TableEntity ToEntity(VolumeType type) => new(Partition, IdRow(type.Id))
    {
        ["Name"] = type.Name,
        ["Description"] = type.Description,
        ["IsPublic"] = type.IsPublic,
        ["ExtraSpecs"] = JsonSerializer.Serialize(type.ExtraSpecs),
        ["ProjectAccess"] = JsonSerializer.Serialize(type.ProjectAccess.Order(StringComparer.Ordinal)),
        ["CreatedAt"] = type.CreatedAt,
        ["QosSpecsId"] = type.QosSpecsId?.ToString("D"),
        ["Encryption"] = type.Encryption is null ? null : JsonSerializer.Serialize(type.Encryption),
    };

    internal static VolumeType FromEntity(TableEntity entity) => new()
    {
        Id = Guid.Parse(entity.RowKey.AsSpan(IdPrefix.Length)),
        Name = entity.GetString("Name"),
        Description = entity.GetString("Description"),
        IsPublic = entity.GetBoolean("IsPublic") ?? true,
        ExtraSpecs = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("ExtraSpecs") ?? "{}") ?? [],
        ProjectAccess = (JsonSerializer.Deserialize<string[]>(entity.GetString("ProjectAccess") ?? "[]") ?? []).ToHashSet(StringComparer.Ordinal),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        QosSpecsId = Guid.TryParse(entity.GetString("QosSpecsId"), out var qos) ? qos : null,
        Encryption = entity.GetString("Encryption") is { Length: > 0 } encryption ? JsonSerializer.Deserialize<VolumeTypeEncryption>(encryption) : null,
    };
}
