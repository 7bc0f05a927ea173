namespace BlockStore.Core.Groups;

/// <summary>
/// A generic volume group (Cinder 3.13): a named set of volumes of the group's volume types, snapshotted together.
/// Membership is recorded on each volume (<c>GroupId</c>); the group itself holds no storage.
/// </summary>
public sealed record Group
{
    public required Guid Id { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public required string Status { get; init; }
    public required string AvailabilityZone { get; init; }
    public required Guid GroupTypeId { get; init; }
    public required IReadOnlyList<Guid> VolumeTypeIds { get; init; }

    /// <summary>The group snapshot this group was created from (create-from-src).</summary>
    public Guid? GroupSnapshotId { get; init; }

    /// <summary>The group this group was copied from (create-from-src).</summary>
    public Guid? SourceGroupId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}
