using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Groups;

namespace BlockStore.ControlPlane.Groups;

/// <summary>
/// Group types in the types table, partition <c>grouptype</c>, stored as volume types are: the type's row and the row
/// reserving its name are written in one transaction, so names stay unique; changes are compare-and-swaps.
/// </summary>
public sealed class GroupTypeStore(TableSet tables)
{
    internal const string Partition = "grouptype";
    private const string IdPrefix = "id_";
    private const string NamePrefix = "name_";

    public async Task<IReadOnlyList<GroupType>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var types = new List<GroupType>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {IdPrefix} and RowKey lt {"id`"}");
        await foreach (var entity in tables.Types.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            types.Add(FromEntity(entity));
        }

        return types;
    }

    /// <summary>By id, or by name (Cinder accepts either); null when there is none.</summary>
    public async Task<GroupType?> FindAsync(string idOrName, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        if (Guid.TryParse(idOrName, out var id) && await FindEntityAsync(IdRow(id), cancellationToken) is { } byId)
        {
            return FromEntity(byId);
        }

        return await FindEntityAsync(NameRow(idOrName), cancellationToken) is { } name && Guid.TryParse(name.GetString("TypeId"), out var named)
            && await FindEntityAsync(IdRow(named), cancellationToken) is { } entity
            ? FromEntity(entity)
            : null;
    }

    /// <param name="record">The idempotency record, inserted in the same transaction (partition <see cref="Partition"/>), or null.</param>
    public async Task CreateAsync(GroupType type, CancellationToken cancellationToken, TableEntity? record = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        await tables.EnsureCreatedAsync();
        await Idempotency.IdempotencyKeys.InsertAsync(tables.Types,
        [
            new(TableTransactionActionType.Add, ToEntity(type)),
            new(TableTransactionActionType.Add, new TableEntity(Partition, NameRow(type.Name)) { ["TypeId"] = type.Id.ToString("D") }),
        ], record, () => new ConflictException($"Group Type {type.Name} already exists."), cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to the type as stored now; a rename moves the name reservation in the same transaction.</summary>
    public async Task<GroupType> ChangeAsync(Guid id, Func<GroupType, GroupType> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await tables.EnsureCreatedAsync();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var entity = await FindEntityAsync(IdRow(id), cancellationToken) ?? throw NotFound(id.ToString("D"));
            var current = FromEntity(entity);
            var next = change(current);
            List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, ToEntity(next), entity.ETag)];
            if (!string.Equals(NameRow(current.Name), NameRow(next.Name), StringComparison.Ordinal))
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(Partition, NameRow(current.Name)), ETag.All));
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(Partition, NameRow(next.Name)) { ["TypeId"] = id.ToString("D") }));
            }

            try
            {
                await tables.Types.SubmitTransactionAsync(actions, cancellationToken);
                return next;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex == 2)
            {
                throw new ConflictException($"Group Type {next.Name} already exists.");
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Someone else changed the type meanwhile: decide again on what is stored now.
            }
        }

        throw new ConflictException($"Group type {id} is being changed concurrently; try again.");
    }

    public async Task DeleteAsync(GroupType type, CancellationToken cancellationToken)
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

    public static NotFoundException NotFound(string idOrName) => new($"Group type with id {idOrName} could not be found.");

    private async Task<TableEntity?> FindEntityAsync(string rowKey, CancellationToken cancellationToken)
    {
        var response = await tables.Types.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static string IdRow(Guid id) => IdPrefix + id.ToString("D");

    /// <summary>Names are unique regardless of case, as in Cinder's database; escaped because row keys forbid '/', '#', '?'.</summary>
    private static string NameRow(string name) => NamePrefix + Uri.EscapeDataString(name.ToLowerInvariant());

    private static TableEntity ToEntity(GroupType type) => new(Partition, IdRow(type.Id))
    {
        ["Name"] = type.Name,
        ["Description"] = type.Description,
        ["IsPublic"] = type.IsPublic,
        ["GroupSpecs"] = JsonSerializer.Serialize(type.GroupSpecs),
        ["CreatedAt"] = type.CreatedAt,
    };

    private static GroupType FromEntity(TableEntity entity) => new()
    {
        Id = Guid.Parse(entity.RowKey.AsSpan(IdPrefix.Length)),
        Name = entity.GetString("Name"),
        Description = entity.GetString("Description"),
        IsPublic = entity.GetBoolean("IsPublic") ?? true,
        GroupSpecs = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("GroupSpecs") ?? "{}") ?? [],
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
    };
}
