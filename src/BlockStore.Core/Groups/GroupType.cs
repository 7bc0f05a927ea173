namespace BlockStore.Core.Groups;

/// <summary>
/// A group type (Cinder 3.11): what kind of group a group is, described by group specs
/// (<c>consistent_group_snapshot_enabled</c>, …) as a volume type is by extra specs.
/// </summary>
public sealed record GroupType
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public bool IsPublic { get; init; } = true;
    public IReadOnlyDictionary<string, string> GroupSpecs { get; init; } = new Dictionary<string, string>();
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Private group types have no access list in Cinder: only admins see them.</summary>
    public bool IsVisibleTo(bool isAdmin) => isAdmin || IsPublic;
}
