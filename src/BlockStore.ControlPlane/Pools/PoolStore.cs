using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Agents;
using BlockStore.Core.Scheduling;

namespace BlockStore.ControlPlane.Pools;

/// <summary>Backend pools: the last capacity report of every <c>host@backend#pool</c>, stamped with the time it arrived.</summary>
public sealed class PoolStore(TableSet tables, TimeProvider time)
{
    private const string Partition = "pool";

    public async Task RecordAsync(CapacityReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await tables.EnsureCreatedAsync();
        var now = time.GetUtcNow();
        foreach (var pool in report.Pools)
        {
            var name = $"{report.BackendHost}#{pool.PoolName}";
            var entity = new TableEntity(Partition, Uri.EscapeDataString(name))
            {
                ["Name"] = name,
                ["BackendHost"] = report.BackendHost,
                ["PoolName"] = pool.PoolName,
                ["AvailabilityZone"] = pool.AvailabilityZone,
                ["TotalCapacityGib"] = pool.TotalCapacityGib,
                ["FreeCapacityGib"] = pool.FreeCapacityGib,
                ["AllocatedCapacityGib"] = pool.AllocatedCapacityGib,
                ["ReservedPercentage"] = pool.ReservedPercentage,
                ["DriverName"] = pool.DriverName,
                ["StorageProtocol"] = pool.StorageProtocol,
                ["ProvisionedCapacityGib"] = pool.ProvisionedCapacityGib,
                ["MaxOverSubscriptionRatio"] = pool.MaxOverSubscriptionRatio,
                ["ThinProvisioningSupport"] = pool.ThinProvisioningSupport,
                ["ThickProvisioningSupport"] = pool.ThickProvisioningSupport,
                ["VolumeBackendName"] = pool.VolumeBackendName ?? BackendName(report.BackendHost),
                ["TotalVolumes"] = pool.TotalVolumes,
                ["Capabilities"] = JsonSerializer.Serialize(Capabilities(pool)),
                ["ReportedAt"] = now,
            };
            // Last writer wins: a report is a snapshot, and the newest one is the truth.
            await tables.Pools.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<PoolStats>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var pools = new List<PoolStats>();
        await foreach (var entity in tables.Pools.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            pools.Add(FromEntity(entity));
        }

        return pools;
    }

    /// <summary>
    /// Optimistic consumption (Cinder's <c>consume_from_volume</c>): the chosen pool's row counts the new volume until
    /// the agent's next report replaces it. A report that arrived meanwhile wins: it is newer than our estimate.
    /// </summary>
    public async Task ConsumeAsync(PoolStats chosen, PlacementRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        var response = await tables.Pools.GetEntityIfExistsAsync<TableEntity>(Partition, Uri.EscapeDataString(chosen.Name), cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return;
        }

        var consumed = FromEntity(response.Value!).ConsumeFor(request);
        var entity = response.Value!;
        entity["FreeCapacityGib"] = consumed.FreeCapacityGib;
        entity["AllocatedCapacityGib"] = consumed.AllocatedCapacityGib;
        entity["ProvisionedCapacityGib"] = consumed.ProvisionedCapacityGib;
        entity["TotalVolumes"] = consumed.TotalVolumes;
        try
        {
            await tables.Pools.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // A fresh report replaced the row: it already counts the volume, or will.
        }
    }

    private static PoolStats FromEntity(TableEntity entity) => new()
    {
        Name = entity.GetString("Name"),
        BackendHost = entity.GetString("BackendHost"),
        PoolName = entity.GetString("PoolName"),
        AvailabilityZone = entity.GetString("AvailabilityZone"),
        TotalCapacityGib = entity.GetDouble("TotalCapacityGib"),
        FreeCapacityGib = entity.GetDouble("FreeCapacityGib"),
        AllocatedCapacityGib = entity.GetDouble("AllocatedCapacityGib") ?? 0,
        ReservedPercentage = entity.GetInt32("ReservedPercentage") ?? 0,
        ReportedAt = entity.GetDateTimeOffset("ReportedAt") ?? DateTimeOffset.MinValue,
        ProvisionedCapacityGib = entity.GetDouble("ProvisionedCapacityGib"),
        MaxOverSubscriptionRatio = entity.GetDouble("MaxOverSubscriptionRatio") ?? 1.0,
        ThinProvisioningSupport = entity.GetBoolean("ThinProvisioningSupport") ?? false,
        ThickProvisioningSupport = entity.GetBoolean("ThickProvisioningSupport") ?? true,
        VolumeBackendName = entity.GetString("VolumeBackendName") ?? BackendName(entity.GetString("BackendHost")),
        TotalVolumes = entity.GetInt32("TotalVolumes") ?? 0,
        Capabilities = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Capabilities") ?? "{}") ?? [],
    };

    /// <summary>What extra specs can match: the driver's own capabilities plus Cinder's standard reported keys.</summary>
    private static Dictionary<string, string> Capabilities(PoolCapacity pool)
    {
        var capabilities = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["storage_protocol"] = pool.StorageProtocol,
            ["driver_name"] = pool.DriverName,
            ["vendor_name"] = pool.Capabilities.GetValueOrDefault("vendor_name", "BlockStore"),
            ["thin_provisioning_support"] = pool.ThinProvisioningSupport ? "True" : "False",
            ["thick_provisioning_support"] = pool.ThickProvisioningSupport ? "True" : "False",
        };

        // What the driver reports wins over the defaults above.
        foreach (var (key, value) in pool.Capabilities)
        {
            capabilities[key] = value;
        }

        return capabilities;
    }

    /// <summary>Cinder's default <c>volume_backend_name</c>: the backend part of <c>host@backend</c>.</summary>
    private static string BackendName(string backendHost) => backendHost[(backendHost.IndexOf('@', StringComparison.Ordinal) + 1)..];
}
