using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Types;

namespace BlockStore.ControlPlane.Types;

/// <summary>
/// Per-project default volume types (Cinder 3.62): one row per project in the types table. A create that names no
/// type, and <c>GET types/default</c>, use the project's default when it is set and still exists, the global one
/// otherwise; the default applies whatever microversion the create asks for, as in Cinder.
/// </summary>
public sealed class ProjectDefaultTypeStore(TableSet tables, VolumeTypeStore types)
{
    private const string Partition = "project_default";

    public async Task SetAsync(string projectId, Guid typeId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        await tables.Types.UpsertEntityAsync(new TableEntity(Partition, projectId) { ["TypeId"] = typeId.ToString("D") }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The project's own default type id, null when it has none.</summary>
    public async Task<Guid?> FindAsync(string projectId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var row = await tables.Types.GetEntityIfExistsAsync<TableEntity>(Partition, projectId, cancellationToken: cancellationToken);
        return row.HasValue && Guid.TryParse(row.Value!.GetString("TypeId"), out var id) ? id : null;
    }

    public async Task<IReadOnlyList<(string ProjectId, Guid TypeId)>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var found = new List<(string, Guid)>();
        await foreach (var row in tables.Types.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            if (Guid.TryParse(row.GetString("TypeId"), out var id))
            {
                found.Add((row.RowKey, id));
            }
        }

        return found;
    }

    /// <summary>Whether some project's default is <paramref name="typeId"/> (Cinder's <c>get_all_projects_with_default_type</c>); stops at the first.</summary>
    public async Task<bool> IsAnyProjectsDefaultAsync(Guid typeId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and TypeId eq {typeId.ToString("D")}");
        await foreach (var _ in tables.Types.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>Unsetting a default that is not set succeeds, as in Cinder.</summary>
    public async Task DeleteAsync(string projectId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        await tables.Types.DeleteEntityAsync(Partition, projectId, Azure.ETag.All, cancellationToken);
    }

    /// <summary>The type a create without one gets in <paramref name="projectId"/>.</summary>
    public async Task<VolumeType> ResolveAsync(string projectId, CancellationToken cancellationToken) =>
        await FindAsync(projectId, cancellationToken) is { } id && await types.FindAsync(id.ToString("D"), cancellationToken) is { } own
            ? own
            : await types.GetDefaultAsync(cancellationToken);
}
