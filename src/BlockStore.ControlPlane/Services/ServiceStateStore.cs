using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;

namespace BlockStore.ControlPlane.Services;

/// <summary>
/// The operator's settings of services (enabled/disabled, reason, frozen), kept beside the pool reports in the
/// Pools table (partition <c>service</c>, row = escaped <c>binary:host</c>), so that a new capacity report never
/// undoes them.
/// </summary>
public sealed class ServiceStateStore(TableSet tables, TimeProvider time)
{
    private const string Partition = "service";

    public async Task<IReadOnlyDictionary<(string Binary, string Host), ServiceState>> ListAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var states = new Dictionary<(string, string), ServiceState>();
        await foreach (var entity in tables.Pools.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            var state = FromEntity(entity);
            states[(state.Binary, state.Host)] = state;
        }

        return states;
    }

    /// <summary>The <c>host@backend</c> names of volume services that take no new volumes.</summary>
    public async Task<IReadOnlySet<string>> UnschedulableBackendsAsync(CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Values
            .Where(state => state.Binary == VolumeBinary && !state.AcceptsNewVolumes)
            .Select(state => state.Host)
            .ToHashSet(StringComparer.Ordinal);

    public const string VolumeBinary = "cinder-volume";

    public const string SchedulerBinary = "cinder-scheduler";

    /// <summary>Enables or disables one service; the reason is cleared on enable, as Cinder does.</summary>
    public async Task<ServiceState> SetDisabledAsync(string binary, string host, bool disabled, string? reason, bool setReason, CancellationToken cancellationToken) =>
        await ChangeAsync(binary, host, current => current with
        {
            Disabled = disabled,
            DisabledReason = !disabled ? null : setReason ? reason : current.DisabledReason,
        }, cancellationToken) ?? throw new InvalidOperationException("An unconditional change cannot be refused.");

    /// <summary>Cinder's conditional update of <c>frozen</c>: null when the service was not in the expected state.</summary>
    public Task<ServiceState?> SetFrozenAsync(string host, bool frozen, CancellationToken cancellationToken) =>
        ChangeAsync(VolumeBinary, host, current => current.Frozen == frozen ? null : current with { Frozen = frozen }, cancellationToken);

    private async Task<ServiceState?> ChangeAsync(string binary, string host, Func<ServiceState, ServiceState?> change, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var rowKey = Uri.EscapeDataString($"{binary}:{host}");
        while (true)
        {
            var existing = await tables.Pools.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
            var current = existing.HasValue ? FromEntity(existing.Value!) : new ServiceState(binary, host, false, null, false, DateTimeOffset.MinValue);
            if (change(current) is not { } changed)
            {
                return null;
            }

            changed = changed with { ModifiedAt = time.GetUtcNow() };
            var entity = new TableEntity(Partition, rowKey)
            {
                ["Binary"] = binary,
                ["Host"] = host,
                ["Disabled"] = changed.Disabled,
                ["DisabledReason"] = changed.DisabledReason,
                ["Frozen"] = changed.Frozen,
                ["ModifiedAt"] = changed.ModifiedAt,
            };
            try
            {
                // Compare-and-swap, so two operators' changes are applied one after the other, never lost.
                if (existing.HasValue)
                {
                    await tables.Pools.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await tables.Pools.AddEntityAsync(entity, cancellationToken);
                }

                return changed;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
            }
        }
    }

    private static ServiceState FromEntity(TableEntity entity) => new(
        entity.GetString("Binary"),
        entity.GetString("Host"),
        entity.GetBoolean("Disabled") ?? false,
        entity.GetString("DisabledReason"),
        entity.GetBoolean("Frozen") ?? false,
        entity.GetDateTimeOffset("ModifiedAt") ?? DateTimeOffset.MinValue);
}
