namespace BlockStore.Core.Groups;

/// <summary>
/// A group snapshot (Cinder 3.14): one snapshot of every volume of a group, taken together. Its member snapshots carry
/// its id; its status follows theirs.
/// </summary>
public sealed record GroupSnapshot
{
    public required Guid Id { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    public required Guid GroupId { get; init; }
    public required Guid GroupTypeId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public required string Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}
