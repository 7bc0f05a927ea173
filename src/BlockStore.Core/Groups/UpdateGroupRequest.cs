namespace BlockStore.Core.Groups;

/// <summary>A validated <c>PUT /groups/{id}</c> body: what to rename and which volumes join or leave.</summary>
public sealed record UpdateGroupRequest(
    string? Name,
    bool NameGiven,
    string? Description,
    bool DescriptionGiven,
    IReadOnlyList<Guid> AddVolumes,
    IReadOnlyList<Guid> RemoveVolumes);
