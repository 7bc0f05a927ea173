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
            pools.Add(new PoolStats
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
            });
        }

        return pools;
    }
}
