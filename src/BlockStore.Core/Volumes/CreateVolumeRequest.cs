namespace BlockStore.Core.Volumes;

/// <summary>A validated <c>POST /volumes</c> body.</summary>
public sealed record CreateVolumeRequest
{
    /// <summary>GiB; null only when a source is given (the new volume then takes the source's size).</summary>
    public required int? SizeGib { get; init; }

    /// <summary>Create from this snapshot (Cinder's <c>snapshot_id</c>).</summary>
    public Guid? SnapshotId { get; init; }

    /// <summary>Create as a copy of this volume (Cinder's <c>source_volid</c>).</summary>
    public Guid? SourceVolumeId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? AvailabilityZone { get; init; }
    public string? VolumeType { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The group the volume joins (Cinder 3.13 <c>group_id</c>).</summary>
    public Guid? GroupId { get; init; }

    /// <summary>Cinder's <c>same_host</c> scheduler hint: place beside these volumes.</summary>
    public IReadOnlyList<Guid> SameHostAs { get; init; } = [];

    /// <summary>Cinder's <c>different_host</c> scheduler hint: place away from these volumes.</summary>
    public IReadOnlyList<Guid> DifferentHostFrom { get; init; } = [];
}
