using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Quotas;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Quotas;

/// <summary>
/// Quota limits: the configured defaults, overridden by the <c>default</c> quota class (os-quota-class-sets), overridden
/// per project (os-quota-sets). Overrides are stored as sparse JSON: a limit not set falls through to the level below.
/// </summary>
public sealed class QuotaLimitStore(TableSet tables, IOptions<ControlPlaneOptions> options)
{
    /// <summary>A partition no project id can have (project ids are hex and '-').</summary>
    private const string ClassPartition = "__quota_class__";
    private const string LimitsRow = "limits";

    public static IReadOnlyList<string> Resources { get; } =
        ["volumes", "snapshots", "gigabytes", "backups", "backup_gigabytes", "per_volume_gigabytes", "groups"];

    /// <summary>The limits in force for <paramref name="projectId"/>.</summary>
    public async Task<QuotaLimits> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        // Both levels at once: this sits on every create's path.
        var classLevel = ReadAsync(ClassPartition, cancellationToken);
        var projectLevel = ReadAsync(projectId, cancellationToken);
        return Apply(Apply(options.Value.Quotas, await classLevel), await projectLevel);
    }

    /// <summary>The limits of the <c>default</c> quota class: every project's unless overridden.</summary>
    public async Task<QuotaLimits> GetDefaultsAsync(CancellationToken cancellationToken) =>
        Apply(options.Value.Quotas, await ReadAsync(ClassPartition, cancellationToken));

    public Task SetProjectAsync(string projectId, IReadOnlyDictionary<string, int> changes, CancellationToken cancellationToken) =>
        MergeAsync(projectId, changes, cancellationToken);

    public Task SetDefaultsAsync(IReadOnlyDictionary<string, int> changes, CancellationToken cancellationToken) =>
        MergeAsync(ClassPartition, changes, cancellationToken);

    /// <summary>Back to the defaults (os-quota-sets DELETE).</summary>
    public async Task ResetProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        try
        {
            await tables.Projects.DeleteEntityAsync(projectId, LimitsRow, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Nothing was overridden.
        }
    }

    private async Task MergeAsync(string partition, IReadOnlyDictionary<string, int> changes, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await tables.EnsureCreatedAsync();
            var response = await tables.Projects.GetEntityIfExistsAsync<TableEntity>(partition, LimitsRow, cancellationToken: cancellationToken);
            var current = response.HasValue ? Parse(response.Value!) : [];
            foreach (var (resource, limit) in changes)
            {
                current[resource] = limit;
            }

            var entity = new TableEntity(partition, LimitsRow) { ["Limits"] = JsonSerializer.Serialize(current) };
            try
            {
                if (response.HasValue)
                {
                    await tables.Projects.UpdateEntityAsync(entity, response.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await tables.Projects.AddEntityAsync(entity, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Changed meanwhile: merge into what is there now.
            }
        }

        throw new Core.Errors.ConflictException("The quota is being changed concurrently; try again.");
    }

    private async Task<Dictionary<string, int>> ReadAsync(string partition, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await tables.Projects.GetEntityIfExistsAsync<TableEntity>(partition, LimitsRow, cancellationToken: cancellationToken);
        return response.HasValue ? Parse(response.Value!) : [];
    }

    private static Dictionary<string, int> Parse(TableEntity entity) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(entity.GetString("Limits") ?? "{}") ?? [];

    private static QuotaLimits Apply(QuotaLimits limits, Dictionary<string, int> overrides) => limits with
    {
        Volumes = overrides.GetValueOrDefault("volumes", limits.Volumes),
        Snapshots = overrides.GetValueOrDefault("snapshots", limits.Snapshots),
        Gigabytes = overrides.GetValueOrDefault("gigabytes", limits.Gigabytes),
        Backups = overrides.GetValueOrDefault("backups", limits.Backups),
        BackupGigabytes = overrides.GetValueOrDefault("backup_gigabytes", limits.BackupGigabytes),
        PerVolumeGigabytes = overrides.GetValueOrDefault("per_volume_gigabytes", limits.PerVolumeGigabytes),
        Groups = overrides.GetValueOrDefault("groups", limits.Groups),
        PerType = overrides.Keys.Any(key => !Resources.Contains(key))
            ? new Dictionary<string, int>(limits.PerType.Concat(overrides.Where(pair => !Resources.Contains(pair.Key))).GroupBy(pair => pair.Key).Select(group => group.Last()))
            : limits.PerType,
    };
}
