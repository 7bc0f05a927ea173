using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Types;
using BlockStore.Core.Errors;
using BlockStore.Core.Qos;
using BlockStore.Core.Types;
using BlockStore.Core.Validation;

namespace BlockStore.ControlPlane.Qos;

/// <summary>
/// QoS specs in the volume types' partition: rows <c>qos_{id}</c> (the spec) and <c>qosname_{name}</c> (its unique
/// name). An association is the type row's <c>QosSpecsId</c>, so deleting a type releases it. Sharing the partition is
/// what keeps associations consistent: associating writes the type row and bumps the spec row's version in one
/// transaction, and deleting the spec is conditional on that row's ETag, so a spec is never deleted under an
/// association made after its in-use check.
/// </summary>
public sealed class QosSpecStore(TableSet tables, VolumeTypeStore types)
{
    private const string Partition = VolumeTypeStore.Partition;
    private const string IdPrefix = "qos_";
    private const string NamePrefix = "qosname_";

    // Entity group transactions take at most 100 actions: a batch of types plus the spec row.
    private const int TypesPerTransaction = 99;

    public async Task<IReadOnlyList<QosSpec>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var specs = new List<QosSpec>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {IdPrefix} and RowKey lt {"qos`"}");
        await foreach (var entity in tables.Types.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            specs.Add(FromEntity(entity));
        }

        return specs;
    }

    /// <summary>By id only, as Cinder; anything else is a 404.</summary>
    public async Task<QosSpec> GetAsync(string id, CancellationToken cancellationToken) =>
        FromEntity(await GetEntityAsync(id, cancellationToken));

    /// <param name="record">The idempotency record, inserted in the same transaction (the types' partition), or null.</param>
    public async Task CreateAsync(QosSpec spec, CancellationToken cancellationToken, TableEntity? record = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await tables.EnsureCreatedAsync();
        await Idempotency.IdempotencyKeys.InsertAsync(tables.Types,
        [
            new(TableTransactionActionType.Add, ToEntity(spec, version: 0)),
            new(TableTransactionActionType.Add, new TableEntity(Partition, NameRow(spec.Name)) { ["SpecId"] = spec.Id.ToString("D") }),
        ], record, () => new ConflictException($"QoS Specs {spec.Name} already exists."), cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to the spec as stored now (compare-and-swap on its ETag).</summary>
    public async Task<QosSpec> ChangeAsync(string id, Func<QosSpec, QosSpec> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var entity = await GetEntityAsync(id, cancellationToken);
            var next = change(FromEntity(entity));
            try
            {
                await tables.Types.UpdateEntityAsync(ToEntity(next, Version(entity) + 1), entity.ETag, TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Changed or deleted meanwhile: decide again on what is stored now.
            }
        }

        throw new ConflictException($"QoS spec {id} is being changed concurrently; try again.");
    }

    /// <summary>The volume types associated with the spec, by name.</summary>
    public async Task<IReadOnlyList<VolumeType>> AssociationsAsync(string id, CancellationToken cancellationToken)
    {
        var spec = await GetAsync(id, cancellationToken);
        return await AssociatedTypesAsync(spec.Id, cancellationToken);
    }

    /// <summary>Cinder's associate: the spec must exist (404), then the type (404), which may have no other spec (400).</summary>
    public async Task AssociateAsync(string id, string typeId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var specEntity = await GetEntityAsync(id, cancellationToken);
            var spec = FromEntity(specEntity);
            var typeEntity = await GetTypeEntityAsync(typeId, cancellationToken);
            var type = VolumeTypeStore.FromRow(typeEntity);
            var next = type.AssociateQos(spec.Id);
            if (type.QosSpecsId == spec.Id)
            {
                return;
            }

            try
            {
                await tables.Types.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, VolumeTypeStore.ToRow(next), typeEntity.ETag),
                    new(TableTransactionActionType.UpdateReplace, ToEntity(spec, Version(specEntity) + 1), specEntity.ETag),
                ], cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // The type or the spec changed meanwhile (or the spec is being deleted): decide again.
            }
        }

        throw new ConflictException($"QoS spec {id} is being changed concurrently; try again.");
    }

    /// <summary>Cinder's disassociate: 404 for an unknown spec or type; a type not associated with this spec is left as it is.</summary>
    public async Task DisassociateAsync(string id, string typeId, CancellationToken cancellationToken)
    {
        var spec = await GetAsync(id, cancellationToken);
        var type = VolumeTypeStore.FromRow(await GetTypeEntityAsync(typeId, cancellationToken));
        if (type.QosSpecsId == spec.Id)
        {
            await types.ChangeAsync(type.Id, current => current.QosSpecsId == spec.Id ? current with { QosSpecsId = null } : current, cancellationToken);
        }
    }

    public async Task DisassociateAllAsync(string id, CancellationToken cancellationToken)
    {
        var spec = await GetAsync(id, cancellationToken);
        await ReleaseAsync(spec.Id, cancellationToken);
    }

    /// <summary>
    /// Deletes the spec. While types are associated it is Cinder's 400 unless <paramref name="force"/>, which first
    /// releases them. The final delete is conditional on the spec row's ETag, which every associate bumps.
    /// </summary>
    public async Task DeleteAsync(string id, bool force, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var entity = await GetEntityAsync(id, cancellationToken);
            var spec = FromEntity(entity);
            if ((await AssociatedTypesAsync(spec.Id, cancellationToken)).Count > 0)
            {
                if (!force)
                {
                    throw new BadRequestException("Qos specs still in use.");
                }

                await ReleaseAsync(spec.Id, cancellationToken);
                continue;
            }

            try
            {
                await tables.Types.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Delete, new TableEntity(Partition, entity.RowKey), entity.ETag),
                    new(TableTransactionActionType.Delete, new TableEntity(Partition, NameRow(spec.Name)), ETag.All),
                ], cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
            {
                // Associated (or changed) after the check, or deleted by someone else: look again.
            }
        }

        throw new ConflictException($"QoS spec {id} is being changed concurrently; try again.");
    }

    /// <summary>Clears the association of every type with the spec, in transactions of up to 99 type rows.</summary>
    private async Task ReleaseAsync(Guid specId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var associated = new List<TableEntity>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and QosSpecsId eq {specId.ToString("D")}");
            await foreach (var entity in tables.Types.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                associated.Add(entity);
            }

            if (associated.Count == 0)
            {
                return;
            }

            try
            {
                foreach (var batch in associated.Chunk(TypesPerTransaction))
                {
                    await tables.Types.SubmitTransactionAsync(
                        batch.Select(entity => new TableTransactionAction(
                            TableTransactionActionType.UpdateReplace,
                            VolumeTypeStore.ToRow(VolumeTypeStore.FromRow(entity) with { QosSpecsId = null }),
                            entity.ETag)),
                        cancellationToken);
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
            {
                // A type changed or was deleted meanwhile: query again.
            }
        }

        throw new ConflictException($"QoS spec {specId:D} is being changed concurrently; try again.");
    }

    private async Task<IReadOnlyList<VolumeType>> AssociatedTypesAsync(Guid specId, CancellationToken cancellationToken) =>
        [.. (await types.ListAsync(cancellationToken)).Where(type => type.QosSpecsId == specId).OrderBy(type => type.Name, StringComparer.Ordinal)];

    private async Task<TableEntity> GetEntityAsync(string id, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        if (!Guid.TryParse(id, out var guid))
        {
            throw QosSpec.NotFound(id);
        }

        var response = await tables.Types.GetEntityIfExistsAsync<TableEntity>(Partition, IdPrefix + guid.ToString("D"), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value! : throw QosSpec.NotFound(id);
    }

    /// <summary>A type by id (Cinder looks associations up by id only), through the type store so the default type exists.</summary>
    private async Task<TableEntity> GetTypeEntityAsync(string typeId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(typeId, out var id) || await types.FindAsync(typeId, cancellationToken) is not { } type || type.Id != id)
        {
            throw VolumeTypeStore.NotFound(typeId);
        }

        var response = await tables.Types.GetEntityIfExistsAsync<TableEntity>(Partition, VolumeTypeStore.IdRow(id), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value! : throw VolumeTypeStore.NotFound(typeId);
    }

    private static long Version(TableEntity entity) => entity.GetInt64("Version") ?? 0;

    /// <summary>Names are unique regardless of case, as in Cinder's database; escaped because row keys forbid '/', '#', '?'.</summary>
    private static string NameRow(string name) => NamePrefix + Uri.EscapeDataString(name.ToLowerInvariant());

    private static TableEntity ToEntity(QosSpec spec, long version) => new(Partition, IdPrefix + spec.Id.ToString("D"))
    {
        ["Name"] = spec.Name,
        ["Consumer"] = spec.Consumer,
        ["Specs"] = StoredDictionary.ToJson(spec.Specs),
        ["CreatedAt"] = spec.CreatedAt,
        ["Version"] = version,
    };

    private static QosSpec FromEntity(TableEntity entity) => new()
    {
        Id = Guid.Parse(entity.RowKey.AsSpan(IdPrefix.Length)),
        Name = entity.GetString("Name"),
        Consumer = entity.GetString("Consumer") ?? QosConsumer.Default,
        Specs = StoredDictionary.FromJson(entity.GetString("Specs")),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
    };
}
