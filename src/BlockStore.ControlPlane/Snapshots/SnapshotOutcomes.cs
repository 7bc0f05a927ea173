using BlockStore.ControlPlane.Messages;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Snapshots;

/// <summary>How snapshot operations end: status and quota together, idempotent as <see cref="Volumes.VolumeOutcomes"/>.</summary>
public sealed class SnapshotOutcomes(SnapshotStore snapshots, Groups.GroupSnapshotStore groupSnapshots, TimeProvider time)
{
    public async Task<string> FinishCreateAsync(FinishSnapshotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        var after = await snapshots.ChangeAsync(input.ProjectId, input.SnapshotId, snapshot =>
        {
            if (snapshot.Status != SnapshotStatus.Creating)
            {
                return null;
            }

            return input.Succeeded
                ? new RowChange<Snapshot>(snapshot.TransitionTo(SnapshotStatus.Available, now) with
                {
                    ProviderLocation = input.ProviderLocation,
                    QuotaHold = QuotaHold.Committed,
                })
                {
                    Quota = Moves(snapshot, usage => usage.Commit(1), usage => usage.Commit(snapshot.SizeGib)),
                }
                : new RowChange<Snapshot>(snapshot.TransitionTo(SnapshotStatus.Error, now) with
                {
                    FailureReason = input.FailureReason ?? "The snapshot could not be created.",
                    QuotaHold = QuotaHold.Released,
                })
                {
                    Quota = Moves(snapshot, usage => usage.ReleaseReservation(1), usage => usage.ReleaseReservation(snapshot.SizeGib)),
                    Inserts = [MessageEntities.Failure(snapshot.ProjectId, "VOLUME_SNAPSHOT", snapshot.Id, MessageActions.SnapshotCreate,
                        input.FailureReason ?? "The snapshot could not be created.", now)],
                };
        }, cancellationToken);

        // A member of a group snapshot: the group snapshot follows its members.
        if (after?.GroupSnapshotId is { } groupSnapshotId)
        {
            await groupSnapshots.FollowMembersAsync(input.ProjectId, groupSnapshotId, cancellationToken);
        }

        return after!.Status.ToWire();
    }

    public async Task<string> FinishDeleteAsync(FinishSnapshotInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        Guid? groupSnapshotId = null;
        try
        {
            var after = await snapshots.ChangeAsync(input.ProjectId, input.SnapshotId, snapshot =>
            {
                groupSnapshotId = snapshot.GroupSnapshotId;
                if (snapshot.Status != SnapshotStatus.Deleting)
                {
                    return null;
                }

                if (!input.Succeeded)
                {
                    return new RowChange<Snapshot>(snapshot.TransitionTo(SnapshotStatus.ErrorDeleting, now) with { FailureReason = input.FailureReason })
                    {
                        Inserts = [MessageEntities.Failure(snapshot.ProjectId, "VOLUME_SNAPSHOT", snapshot.Id, MessageActions.SnapshotDelete,
                            input.FailureReason ?? "The snapshot could not be deleted.", now)],
                    };
                }

                return snapshot.QuotaHold switch
                {
                    QuotaHold.Committed => new RowChange<Snapshot>(null) { Quota = Moves(snapshot, usage => usage.ReleaseInUse(1), usage => usage.ReleaseInUse(snapshot.SizeGib)) },
                    QuotaHold.Reserved => new RowChange<Snapshot>(null) { Quota = Moves(snapshot, usage => usage.ReleaseReservation(1), usage => usage.ReleaseReservation(snapshot.SizeGib)) },
                    _ => new RowChange<Snapshot>(null),
                };
            }, cancellationToken);
            if (groupSnapshotId is { } id)
            {
                await groupSnapshots.FollowMembersAsync(input.ProjectId, id, cancellationToken);
            }

            return after?.Status.ToWire() ?? "deleted";
        }
        catch (NotFoundException)
        {
            return "deleted";
        }
    }

    /// <summary>The project's moves, repeated on the per-type rows of the type the snapshot was taken under.</summary>
    private static Dictionary<string, Func<QuotaUsage, QuotaUsage>> Moves(Snapshot snapshot, Func<QuotaUsage, QuotaUsage> snapshots, Func<QuotaUsage, QuotaUsage> gigabytes)
    {
        var moves = new Dictionary<string, Func<QuotaUsage, QuotaUsage>>
        {
            [QuotaResources.Snapshots] = snapshots,
            [QuotaResources.Gigabytes] = gigabytes,
        };
        if (snapshot.VolumeTypeId is { } type)
        {
            moves[QuotaResources.ForType(QuotaResources.Snapshots, type)] = snapshots;
            moves[QuotaResources.ForType(QuotaResources.Gigabytes, type)] = gigabytes;
        }

        return moves;
    }
}
