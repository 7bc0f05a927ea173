using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Errors;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>
/// The API's half of a delete: moving the volume (and, for a cascade, every one of its snapshots) to <c>deleting</c>
/// in one transaction, and undoing that when the orchestration cannot be started.
/// </summary>
public sealed class VolumeDeletion(VolumeStore volumes, SnapshotStore snapshots, VolumeOutcomes outcomes, SnapshotOutcomes snapshotOutcomes, TimeProvider time)
{
    /// <summary>
    /// An entity-group transaction holds at most 100 rows; the volume takes one. Cinder has no such limit, but the
    /// default snapshot quota (10) is far below it.
    /// </summary>
    public const int MaxCascadeSnapshots = 99;

    /// <summary>
    /// Moves the volume to <c>deleting</c>; with <paramref name="cascade"/> its snapshots too, in the same transaction
    /// on the ETags they were read with, so a snapshot created, changed or deleted meanwhile makes the whole decision
    /// run again. Returns the volume and the snapshots now being deleted. <paramref name="force"/> (3.23) deletes from any
    /// status but attached; a volume in a group is deleted only with its group (<paramref name="memberOf"/>), which it
    /// leaves in the same change, as in Cinder.
    /// </summary>
    /// <exception cref="InvalidStateException">The volume, or one of its snapshots for a cascade, cannot be deleted now.</exception>
    public async Task<(Volume Volume, IReadOnlyList<Snapshot> Snapshots)> BeginAsync(
        string projectId, Guid volumeId, bool cascade, bool force, Guid? memberOf, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<Snapshot> marked = [];
        var deleting = await volumes.ChangeAsync(projectId, volumeId, async current =>
        {
            var allowed = force
                ? current.Status is not (VolumeStatus.InUse or VolumeStatus.Detaching)
                : VolumeTransitions.IsAllowed(current.Status, VolumeStatus.Deleting);
            if (!allowed)
            {
                throw NotDeletable($"(status is {current.Status.ToWire()})");
            }

            if (current.GroupId != memberOf)
            {
                throw NotDeletable($"(volume is in group {current.GroupId})");
            }

            // Read after the volume: a snapshot created since then touched the volume's row, so this change would
            // fail its compare-and-swap and be decided again.
            var dependents = await snapshots.ListOfVolumeTrackedAsync(current.ProjectId, current.Id, cancellationToken);
            if (!cascade && dependents.Count > 0)
            {
                throw new InvalidStateException($"Invalid volume: Volume {current.Id} still has {dependents.Count} dependent snapshots.");
            }

            // Cinder's cascade accepts snapshots that are available or in error; error_deleting is accepted here as
            // for a plain snapshot delete, since deleting a snapshot that is gone succeeds.
            if (dependents.FirstOrDefault(tracked => !SnapshotTransitions.IsAllowed(tracked.Row.Status, SnapshotStatus.Deleting)) is { Row: { } busy })
            {
                throw NotDeletable($"(snapshot {busy.Id} is {busy.Status.ToWire()})");
            }

            if (dependents.Count > MaxCascadeSnapshots)
            {
                throw new BadRequestException(
                    $"Invalid input received: A cascade delete handles at most {MaxCascadeSnapshots} snapshots; volume {current.Id} has {dependents.Count}. Delete some of them first.");
            }

            var next = dependents.Select(tracked => tracked.Row.TransitionTo(SnapshotStatus.Deleting, now) with { FailureReason = null }).ToList();
            marked = next;
            var volume = force ? current.ForceStatus(VolumeStatus.Deleting, now) : current.TransitionTo(VolumeStatus.Deleting, now);
            return new VolumeChange(volume with { FailureReason = null, GroupId = null })
            {
                Companions = [.. next.Select((snapshot, i) => SnapshotStore.Replacement(snapshot, dependents[i].ETag))],
            };
        }, cancellationToken);
        return (deleting!, marked);
    }

    /// <summary>The orchestration never started: everything <see cref="BeginAsync"/> marked ends in <c>error_deleting</c> with the reason.</summary>
    public async Task AbandonAsync(Volume volume, IReadOnlyList<Snapshot> marked, string reason)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(marked);
        foreach (var snapshot in marked)
        {
            await snapshotOutcomes.FinishDeleteAsync(new FinishSnapshotInput(snapshot.ProjectId, snapshot.Id, false, null, reason), CancellationToken.None);
        }

        await outcomes.FinishDeleteAsync(new FinishDeleteInput(volume.ProjectId, volume.Id, false, reason), CancellationToken.None);
    }

    private static InvalidStateException NotDeletable(string detail) => new(
        "Invalid volume: Volume status must be " +
        string.Join(" or ", VolumeTransitions.Deletable.Select(status => status.ToWire())) +
        $" and must not be migrating, attached, belong to a group, have snapshots or be disassociated from snapshots after volume transfer. {detail}");
}
