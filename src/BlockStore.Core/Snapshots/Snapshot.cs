using BlockStore.Core.Errors;
using BlockStore.Core.Volumes;

namespace BlockStore.Core.Snapshots;

/// <summary>A point-in-time copy of a volume, kept on the volume's backend.</summary>
public sealed record Snapshot
{
    public required Guid Id { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    public required Guid VolumeId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public required int SizeGib { get; init; }
    public required SnapshotStatus Status { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The volume's <c>host@backend#pool</c> when the snapshot was taken: where the snapshot lives.</summary>
    public string? Host { get; init; }

    /// <summary>The volume's type when the snapshot was taken: the per-type quota the snapshot counts against (as Cinder's <c>snapshot.volume_type_id</c>).</summary>
    public Guid? VolumeTypeId { get; init; }

    public string? ProviderLocation { get; init; }

    /// <summary>The group snapshot this snapshot was taken for (Cinder 3.14); it is deleted with it, never alone.</summary>
    public Guid? GroupSnapshotId { get; init; }
    public string? FailureReason { get; init; }

    /// <summary>The progress last reported through os-update_snapshot_status (<c>80%</c>); null when none was.</summary>
    public string? Progress { get; init; }

    public required QuotaHold QuotaHold { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public string StorageName => StorageNames.ForSnapshot(Id);

    /// <summary>An admin's override (os-reset_status, os-update_snapshot_status, os-force_delete), bypassing the transition table.</summary>
    public Snapshot ForceStatus(SnapshotStatus next, DateTimeOffset at) => this with { Status = next, UpdatedAt = at };

    public Snapshot TransitionTo(SnapshotStatus next, DateTimeOffset at)
    {
        if (!SnapshotTransitions.IsAllowed(Status, next))
        {
            throw new InvalidStateException(
                $"Invalid snapshot: Snapshot {Id} cannot go from status {Status.ToWire()} to {next.ToWire()}.");
        }

        return this with { Status = next, UpdatedAt = at };
    }
}
