using BlockStore.Core.Errors;

namespace BlockStore.Core.Volumes;

/// <summary>
/// A volume as BlockStore stores it. Status moves go through <see cref="TransitionTo"/> and so through
/// <see cref="VolumeTransitions"/>; everything a Cinder response shows is a field here.
/// </summary>
public sealed record Volume
{
    public const string DefaultVolumeType = "__DEFAULT__";

    public required Guid Id { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public required int SizeGib { get; init; }
    public required VolumeStatus Status { get; init; }
    public required string AvailabilityZone { get; init; }
    /// <summary>The type's name when the volume was created (what Cinder's views show as <c>volume_type</c>).</summary>
    public string VolumeType { get; init; } = DefaultVolumeType;

    public Guid? VolumeTypeId { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    public bool Bootable { get; init; }

    /// <summary>Cinder's admin metadata <c>readonly</c> (os-update_readonly_flag); null until set.</summary>
    public bool? ReadOnly { get; init; }

    /// <summary>The snapshot this volume was created from.</summary>
    public Guid? SnapshotId { get; init; }

    /// <summary>The volume this volume was cloned from.</summary>
    public Guid? SourceVolumeId { get; init; }

    /// <summary>The generic group the volume belongs to (Cinder 3.13); a volume in a group is deleted with its group.</summary>
    public Guid? GroupId { get; init; }

    /// <summary>Where the volume lives: Cinder's <c>host@backend#pool</c>; null until scheduled.</summary>
    public string? Host { get; init; }

    /// <summary>What the driver returned to find the volume again (a path, an image name).</summary>
    public string? ProviderLocation { get; init; }

    /// <summary>Why the last operation failed, in words a user can act on.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Whether the volume's size is reserved, committed to, or no longer counted in its project's quota.</summary>
    public required QuotaHold QuotaHold { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The name the storage sees; generated, never user text, so it is safe on a command line.</summary>
    public string StorageName => StorageNames.ForVolume(Id);

    /// <summary>An admin's override (os-reset_status, os-force_delete): any status, bypassing the transition table.</summary>
    public Volume ForceStatus(VolumeStatus next, DateTimeOffset at) => this with { Status = next, UpdatedAt = at };

    public Volume TransitionTo(VolumeStatus next, DateTimeOffset at)
    {
        if (!VolumeTransitions.IsAllowed(Status, next))
        {
            throw new InvalidStateException(
                $"Invalid volume: Volume {Id} cannot go from status {Status.ToWire()} to {next.ToWire()}.");
        }

        return this with { Status = next, UpdatedAt = at };
    }
}
