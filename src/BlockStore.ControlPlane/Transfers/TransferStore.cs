using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Transfers;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Transfers;

/// <summary>
/// Transfer rows and the single-partition transactions a transfer is made of. Each method is one compare-and-swap
/// transaction (retried when another writer wins the race) and is idempotent, so a retried or resumed accept repeats
/// it safely; <see cref="TransferAcceptance"/> orders them.
/// </summary>
public sealed class TransferStore(TableSet tables, ProjectRows rows)
{
    /// <summary>A destination's charge for a claim: <c>incoming_transfer_{id}</c> in the destination partition.</summary>
    private const string ReceiptPrefix = "incoming_transfer_";

    /// <summary>
    /// Set on a receipt by step 4: its charge now belongs to the moved rows. The receipt stays, so that a runner of
    /// the same claim that is still at step 2 finds the charge done instead of charging it a second time.
    /// </summary>
    private const string SettledColumn = "Settled";

    /// <summary>One entity-group transaction holds at most 100 actions: the volume, its snapshots, three quota rows and the transfer.</summary>
    public const int MaxSnapshots = 90;

    private const int MaxAttempts = 20;

    private static readonly string[] TransferQuotas = [QuotaResources.Volumes, QuotaResources.Gigabytes, QuotaResources.Snapshots];

    public Task<VolumeTransfer?> FindAsync(string projectId, Guid transferId, CancellationToken cancellationToken) =>
        rows.FindAsync(projectId, TransferEntities.RowKey(transferId), TransferEntities.Instance, cancellationToken);

    /// <summary>The transfer wherever it is (an accepting project does not know the source project).</summary>
    public async Task<VolumeTransfer?> FindAnywhereAsync(Guid transferId, CancellationToken cancellationToken) =>
        (await rows.ListAsync(null, TransferEntities.Instance, $"RowKey eq '{TransferEntities.RowKey(transferId)}'", cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<VolumeTransfer>> ListAsync(string? projectId, CancellationToken cancellationToken) =>
        rows.ListAsync(projectId, TransferEntities.Instance, null, cancellationToken);

    /// <summary>
    /// Offers the volume: <c>available</c> → <c>awaiting-transfer</c> and the transfer row, in one transaction of the
    /// volume's partition. <paramref name="check"/> sees the volume and its snapshots as stored and throws to refuse.
    /// </summary>
    /// <param name="record">The idempotency record (in the volume's partition), inserted in the same transaction, or null.</param>
    public Task CreateAsync(VolumeTransfer transfer, Action<Volume, IReadOnlyList<Snapshot>> check, DateTimeOffset now, CancellationToken cancellationToken, TableEntity? record = null)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(check);
        return rows.ChangeAsync(transfer.SourceProjectId, VolumeEntities.RowKey(transfer.VolumeId), VolumeEntities.Instance, async volume =>
        {
            // Asked on every attempt: a lost race may have lost to the same key, whose transfer now makes the volume
            // look unavailable; the winner's answer is the answer then, not that 400.
            if (record is not null && await GetAsync(record.PartitionKey, record.RowKey, cancellationToken) is not null)
            {
                throw new Idempotency.DuplicateKeyException($"{record.RowKey} exists: another request with the same key won.");
            }

            // Read after the volume: a snapshot create touches the volume row, so the volume's ETag covers this list.
            check(volume, await SnapshotsOfAsync(transfer.SourceProjectId, transfer.VolumeId, cancellationToken));
            return (RowChange<Volume>?)new RowChange<Volume>(volume.TransitionTo(VolumeStatus.AwaitingTransfer, now))
            {
                Inserts = record is null ? [TransferEntities.Instance.ToEntity(transfer)] : [TransferEntities.Instance.ToEntity(transfer), record],
            };
        }, () => NotFoundException.Volume(transfer.VolumeId.ToString("D")), cancellationToken);
    }

    /// <summary>
    /// Removes an offered transfer and gives the volume back (<c>awaiting-transfer</c> → <c>available</c>; a volume in
    /// another status is left alone, as Cinder). False when the transfer is no longer offered.
    /// </summary>
    public async Task<bool> DeleteOfferedAsync(VolumeTransfer transfer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await GetAsync(transfer.SourceProjectId, TransferEntities.RowKey(transfer.Id), cancellationToken);
            if (row is null || TransferEntities.Instance.FromEntity(row).State != TransferState.Offered)
            {
                return false;
            }

            List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, row, row.ETag)];
            var volumeRow = await GetAsync(transfer.SourceProjectId, VolumeEntities.RowKey(transfer.VolumeId), cancellationToken);
            if (volumeRow is not null && VolumeEntities.Instance.FromEntity(volumeRow) is { Status: VolumeStatus.AwaitingTransfer } volume)
            {
                actions.Add(new(TableTransactionActionType.UpdateReplace, VolumeEntities.Instance.ToEntity(volume.TransitionTo(VolumeStatus.Available, now)), volumeRow.ETag));
            }

            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return true;
            }
        }

        throw Busy(transfer.Id);
    }

    /// <summary>
    /// Step 1, in the source partition: an accept with the right key claims the transfer for its project, with what the
    /// destination must be charged. Repeating the claim of the same project returns the claim as it stands.
    /// </summary>
    public async Task<VolumeTransfer> ClaimAsync(VolumeTransfer offered, string authKey, string destinationProjectId, string destinationUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offered);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await GetAsync(offered.SourceProjectId, TransferEntities.RowKey(offered.Id), cancellationToken) ?? throw TransferNotFound(offered.Id);
            var transfer = TransferEntities.Instance.FromEntity(row);
            if (transfer.State == TransferState.Accepted)
            {
                throw TransferNotFound(offered.Id);
            }

            if (!TransferAuthKeys.Matches(transfer.Salt, transfer.CryptHash, authKey))
            {
                throw new BadRequestException($"Invalid auth key: Attempt to transfer {transfer.Id} with invalid auth key.");
            }

            if (transfer.State != TransferState.Offered)
            {
                return transfer.DestinationProjectId == destinationProjectId
                    ? transfer
                    : throw ExpectedAwaiting(transfer);
            }

            var volumeRow = await GetAsync(transfer.SourceProjectId, VolumeEntities.RowKey(transfer.VolumeId), cancellationToken)
                ?? throw NotFoundException.Volume(transfer.VolumeId.ToString("D"));
            var volume = VolumeEntities.Instance.FromEntity(volumeRow);
            if (volume.Status != VolumeStatus.AwaitingTransfer)
            {
                throw ExpectedAwaiting(transfer);
            }

            var snapshots = await SnapshotRowsOfAsync(transfer.SourceProjectId, transfer.VolumeId, cancellationToken);
            var moving = transfer.NoSnapshots ? [] : snapshots;
            if (transfer.NoSnapshots && snapshots.Count > 0)
            {
                throw new InvalidStateException($"Invalid volume: Volume {volume.Id} has snapshots; it cannot be transferred without them.");
            }

            CheckSnapshots(transfer, moving.Select(SnapshotEntities.Instance.FromEntity));
            var claimed = transfer with
            {
                State = TransferState.Claimed,
                DestinationProjectId = destinationProjectId,
                DestinationUserId = destinationUserId,
                ClaimId = Guid.NewGuid(),
                Charge = new TransferCharge(volume.SizeGib, moving.Count, moving.Sum(s => SnapshotEntities.Instance.FromEntity(s).SizeGib)),
            };

            // The volume and snapshot rows are touched on their ETags: a change racing the claim fails one of the two.
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.UpdateReplace, TransferEntities.Instance.ToEntity(claimed), row.ETag),
                Touch(volumeRow),
                .. moving.Select(Touch),
            ];
            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return claimed;
            }
        }

        throw Busy(offered.Id);
    }

    /// <summary>
    /// Step 2, in the destination partition: charge the claim (volumes, gigabytes, snapshots in use) together with a
    /// receipt row naming the claim. Done already when the receipt of this claim exists (settled or not); an unsettled
    /// receipt of an older claim is released in the same transaction. Over quota: <see cref="OverQuotaException"/>, nothing written.
    /// </summary>
    public async Task ChargeDestinationAsync(VolumeTransfer claimed, QuotaLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var project = claimed.DestinationProjectId!;
        var charge = claimed.Charge!;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var receipt = await GetAsync(project, ReceiptKey(claimed.Id), cancellationToken);
            // A settled receipt is always this transfer's accepted claim: a runner of it that lags behind must not
            // charge again, and a stale claim then fails at step 3.
            if (receipt is not null && (receipt.GetGuid("ClaimId") == claimed.ClaimId || IsSettled(receipt)))
            {
                return;
            }

            var quota = await ReadQuotaAsync(project, cancellationToken);
            var usage = quota.ToDictionary(pair => pair.Key, pair => QuotaEntities.FromEntity(pair.Value));
            if (receipt is not null)
            {
                usage = Apply(usage, ReceiptCharge(receipt), -1);
            }

            TransferQuota.EnsureFits(limits, usage[QuotaResources.Volumes], usage[QuotaResources.Gigabytes], usage[QuotaResources.Snapshots], charge);
            usage = Apply(usage, charge, +1);
            var next = new TableEntity(project, ReceiptKey(claimed.Id))
            {
                ["ClaimId"] = claimed.ClaimId,
                ["SourceProjectId"] = claimed.SourceProjectId,
                ["VolumeGib"] = charge.VolumeGib,
                ["Snapshots"] = charge.Snapshots,
                ["SnapshotGib"] = charge.SnapshotGib,
            };
            List<TableTransactionAction> actions =
            [
                receipt is null ? new(TableTransactionActionType.Add, next) : new(TableTransactionActionType.UpdateReplace, next, receipt.ETag),
                .. QuotaActions(project, quota, usage),
            ];
            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return;
            }
        }

        throw Busy(claimed.Id);
    }

    /// <summary>
    /// Undoes step 2 for one claim (or, with a null claim, for whichever claim left a receipt): the receipt goes and its
    /// charge is released, in one transaction. Nothing to do when there is no such receipt.
    /// </summary>
    public async Task ReleaseDestinationAsync(Guid transferId, string destinationProjectId, Guid? claimId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var receipt = await GetAsync(destinationProjectId, ReceiptKey(transferId), cancellationToken);
            if (receipt is null || IsSettled(receipt) || claimId is not null && receipt.GetGuid("ClaimId") != claimId)
            {
                return;
            }

            var quota = await ReadQuotaAsync(destinationProjectId, cancellationToken);
            var usage = Apply(quota.ToDictionary(pair => pair.Key, pair => QuotaEntities.FromEntity(pair.Value)), ReceiptCharge(receipt), -1);
            List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, receipt, receipt.ETag), .. QuotaActions(destinationProjectId, quota, usage)];
            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return;
            }
        }

        throw Busy(transferId);
    }

    /// <summary>Undoes step 1: the claim is dropped and the transfer is offered again. Nothing to do when the claim is gone.</summary>
    public async Task UnclaimAsync(VolumeTransfer claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await GetAsync(claimed.SourceProjectId, TransferEntities.RowKey(claimed.Id), cancellationToken);
            if (row is null || TransferEntities.Instance.FromEntity(row) is not { State: TransferState.Claimed } current || current.ClaimId != claimed.ClaimId)
            {
                return;
            }

            // The destination is kept, so that a delete of the transfer can still find a receipt an interrupted claim left.
            var offered = current with { State = TransferState.Offered, ClaimId = null, Charge = null };
            if (await TrySubmitAsync([new(TableTransactionActionType.UpdateReplace, TransferEntities.Instance.ToEntity(offered), row.ETag)], cancellationToken))
            {
                return;
            }
        }

        throw Busy(claimed.Id);
    }

    /// <summary>
    /// Step 3, in the source partition: the volume and its snapshots leave (their quota released) and travel in the
    /// transfer row, now <see cref="TransferState.Moved"/>. Returns the transfer as it is after the step; throws
    /// <see cref="StaleClaimException"/> when the claim is gone or the volume changed since it was claimed.
    /// </summary>
    /// <summary>
    /// Another runner of the same claim (a concurrent retry of the accept) may have moved the volume between this
    /// runner's read of the transfer row and its read of the volume: the transfer row then says so, and this runner
    /// goes on from there instead of taking the vanished volume for a stale claim.
    /// </summary>
    private async Task<VolumeTransfer?> MovedByAnotherRunnerAsync(VolumeTransfer claimed, CancellationToken cancellationToken)
    {
        var row = await GetAsync(claimed.SourceProjectId, TransferEntities.RowKey(claimed.Id), cancellationToken);
        return row is not null && TransferEntities.Instance.FromEntity(row) is { } latest && latest.ClaimId == claimed.ClaimId && latest.State != TransferState.Claimed
            ? latest
            : null;
    }

    public async Task<VolumeTransfer> MoveOutAsync(VolumeTransfer claimed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await GetAsync(claimed.SourceProjectId, TransferEntities.RowKey(claimed.Id), cancellationToken);
            var transfer = row is null ? null : TransferEntities.Instance.FromEntity(row);
            if (transfer is null || transfer.ClaimId != claimed.ClaimId)
            {
                throw new StaleClaimException(ExpectedAwaiting(claimed));
            }

            if (transfer.State != TransferState.Claimed)
            {
                return transfer;
            }

            var volumeRow = await GetAsync(transfer.SourceProjectId, VolumeEntities.RowKey(transfer.VolumeId), cancellationToken);
            if (volumeRow is null || VolumeEntities.Instance.FromEntity(volumeRow) is not { Status: VolumeStatus.AwaitingTransfer } volume)
            {
                return await MovedByAnotherRunnerAsync(claimed, cancellationToken) ?? throw new StaleClaimException(ExpectedAwaiting(transfer));
            }

            var snapshotRows = transfer.NoSnapshots ? [] : await SnapshotRowsOfAsync(transfer.SourceProjectId, transfer.VolumeId, cancellationToken);
            var snapshots = snapshotRows.Select(SnapshotEntities.Instance.FromEntity).ToList();
            if (snapshots.Count != transfer.Charge!.Snapshots || snapshots.Sum(s => s.SizeGib) != transfer.Charge.SnapshotGib)
            {
                return await MovedByAnotherRunnerAsync(claimed, cancellationToken) ?? throw new StaleClaimException(new InvalidStateException(
                    $"Invalid snapshot: Transfer {transfer.Id}: the snapshots of volume {volume.Id} changed while it was being accepted."));
            }

            try
            {
                CheckSnapshots(transfer, snapshots);
            }
            catch (BlockStoreException ex)
            {
                throw new StaleClaimException(ex);
            }

            var destination = transfer.DestinationProjectId!;
            var user = transfer.DestinationUserId!;
            var payload = new TransferPayload(
                volume.TransitionTo(VolumeStatus.Available, now) with { ProjectId = destination, UserId = user },
                [.. snapshots.Select(s => s with { ProjectId = destination, UserId = user, UpdatedAt = now })]);
            var moved = transfer with { State = TransferState.Moved, Payload = System.Text.Json.JsonSerializer.Serialize(payload) };

            var quota = await ReadQuotaAsync(transfer.SourceProjectId, cancellationToken);
            var usage = quota.ToDictionary(pair => pair.Key, pair => QuotaEntities.FromEntity(pair.Value));
            usage[QuotaResources.Volumes] = Release(usage[QuotaResources.Volumes], volume.QuotaHold, 1);
            usage[QuotaResources.Gigabytes] = Release(usage[QuotaResources.Gigabytes], volume.QuotaHold, volume.SizeGib);
            foreach (var snapshot in snapshots)
            {
                usage[QuotaResources.Snapshots] = Release(usage[QuotaResources.Snapshots], snapshot.QuotaHold, 1);
                usage[QuotaResources.Gigabytes] = Release(usage[QuotaResources.Gigabytes], snapshot.QuotaHold, snapshot.SizeGib);
            }

            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.UpdateReplace, TransferEntities.Instance.ToEntity(moved), row!.ETag),
                new(TableTransactionActionType.Delete, volumeRow, volumeRow.ETag),
                .. snapshotRows.Select(s => new TableTransactionAction(TableTransactionActionType.Delete, s, s.ETag)),
                .. QuotaActions(transfer.SourceProjectId, quota, usage),
            ];
            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return moved;
            }
        }

        throw Busy(claimed.Id);
    }

    /// <summary>
    /// Step 4, in the destination partition: the travelling rows are written and the receipt marked settled (its charge
    /// now belongs to the rows), in one transaction. Done already when the receipt is settled.
    /// </summary>
    public async Task MoveInAsync(VolumeTransfer moved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moved);
        var payload = System.Text.Json.JsonSerializer.Deserialize<TransferPayload>(moved.Payload!)!;
        var project = moved.DestinationProjectId!;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var receipt = await GetAsync(project, ReceiptKey(moved.Id), cancellationToken);
            if (receipt is null || IsSettled(receipt) || receipt.GetGuid("ClaimId") != moved.ClaimId)
            {
                return;
            }

            receipt[SettledColumn] = true;
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.UpdateReplace, receipt, receipt.ETag),
                new(TableTransactionActionType.Add, VolumeEntities.Instance.ToEntity(payload.Volume)),
                .. payload.Snapshots.Select(s => new TableTransactionAction(TableTransactionActionType.Add, SnapshotEntities.Instance.ToEntity(s))),
            ];
            if (await TrySubmitAsync(actions, cancellationToken))
            {
                return;
            }
        }

        throw Busy(moved.Id);
    }

    /// <summary>Step 5, in the source partition: the transfer is marked accepted and its payload dropped.</summary>
    public async Task<VolumeTransfer> MarkAcceptedAsync(VolumeTransfer moved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moved);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await GetAsync(moved.SourceProjectId, TransferEntities.RowKey(moved.Id), cancellationToken) ?? throw TransferNotFound(moved.Id);
            var transfer = TransferEntities.Instance.FromEntity(row);
            if (transfer.State != TransferState.Moved)
            {
                return transfer;
            }

            var accepted = transfer with { State = TransferState.Accepted, Payload = null };
            if (await TrySubmitAsync([new(TableTransactionActionType.UpdateReplace, TransferEntities.Instance.ToEntity(accepted), row.ETag)], cancellationToken))
            {
                return accepted;
            }
        }

        throw Busy(moved.Id);
    }

    /// <summary>Cinder's create check: every snapshot that moves with the volume must be available.</summary>
    public static void CheckSnapshots(VolumeTransfer transfer, IEnumerable<Snapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(snapshots);
        var list = snapshots.ToList();
        if (list.FirstOrDefault(s => s.Status != SnapshotStatus.Available) is { } busy)
        {
            throw new InvalidStateException($"Invalid snapshot: snapshot: {busy.Id} status must be available");
        }

        if (list.Count > MaxSnapshots)
        {
            throw new InvalidStateException($"Invalid volume: Volume {transfer.VolumeId} has more than {MaxSnapshots} snapshots; it cannot be transferred with them.");
        }
    }

    public static NotFoundException TransferNotFound(Guid transferId) => TransferNotFound(transferId.ToString("D"));

    public static NotFoundException TransferNotFound(string transferId) => new($"Transfer {transferId} could not be found.");

    private static InvalidStateException ExpectedAwaiting(VolumeTransfer transfer) =>
        new($"Invalid volume: Transfer {transfer.Id}: Volume id {transfer.VolumeId} expected in awaiting-transfer state.");

    private static ConflictException Busy(Guid transferId) => new($"Transfer {transferId} is being changed concurrently; try again.");

    private static string ReceiptKey(Guid transferId) => ReceiptPrefix + transferId.ToString("D");

    private static bool IsSettled(TableEntity receipt) => receipt.GetBoolean(SettledColumn) == true;

    private static TransferCharge ReceiptCharge(TableEntity receipt) =>
        new(receipt.GetInt32("VolumeGib") ?? 0, receipt.GetInt32("Snapshots") ?? 0, receipt.GetInt32("SnapshotGib") ?? 0);

    private static QuotaUsage Release(QuotaUsage usage, QuotaHold hold, int amount) => hold switch
    {
        QuotaHold.Committed => usage.ReleaseInUse(amount),
        QuotaHold.Reserved => usage.ReleaseReservation(amount),
        _ => usage,
    };

    private static Dictionary<string, QuotaUsage> Apply(Dictionary<string, QuotaUsage> usage, TransferCharge charge, int sign)
    {
        static QuotaUsage Add(QuotaUsage current, int amount) => current with { InUse = Math.Max(0, current.InUse + amount) };
        return new Dictionary<string, QuotaUsage>
        {
            [QuotaResources.Volumes] = Add(usage[QuotaResources.Volumes], sign),
            [QuotaResources.Gigabytes] = Add(usage[QuotaResources.Gigabytes], sign * charge.Gigabytes),
            [QuotaResources.Snapshots] = Add(usage[QuotaResources.Snapshots], sign * charge.Snapshots),
        };
    }

    private static IEnumerable<TableTransactionAction> QuotaActions(string projectId, Dictionary<string, TableEntity?> current, Dictionary<string, QuotaUsage> next) =>
        next.Where(pair => QuotaEntities.FromEntity(current[pair.Key]) != pair.Value).Select(pair => current[pair.Key] is { } row
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, QuotaEntities.ToEntity(projectId, QuotaEntities.RowKey(pair.Key), pair.Value), row.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, QuotaEntities.ToEntity(projectId, QuotaEntities.RowKey(pair.Key), pair.Value)));

    private static TableTransactionAction Touch(TableEntity row) =>
        new(TableTransactionActionType.UpdateMerge, new TableEntity(row.PartitionKey, row.RowKey) { ["TransferClaimedAt"] = DateTimeOffset.UtcNow }, row.ETag);

    private async Task<Dictionary<string, TableEntity?>> ReadQuotaAsync(string projectId, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, TableEntity?>();
        foreach (var resource in TransferQuotas)
        {
            result[resource] = await GetAsync(projectId, QuotaEntities.RowKey(resource), cancellationToken);
        }

        return result;
    }

    private async Task<IReadOnlyList<Snapshot>> SnapshotsOfAsync(string projectId, Guid volumeId, CancellationToken cancellationToken) =>
        [.. (await SnapshotRowsOfAsync(projectId, volumeId, cancellationToken)).Select(SnapshotEntities.Instance.FromEntity)];

    private async Task<List<TableEntity>> SnapshotRowsOfAsync(string projectId, Guid volumeId, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {projectId} and RowKey ge {SnapshotEntities.Prefix} and RowKey lt {"snapshot`"} and VolumeId eq {volumeId}");
        var result = new List<TableEntity>();
        await foreach (var entity in tables.Projects.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(entity);
        }

        return result;
    }

    private async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync();
        var response = await tables.Projects.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>False when another writer won (a changed ETag, or a row added meanwhile); the caller re-reads and decides again.</summary>
    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Projects.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }
}
