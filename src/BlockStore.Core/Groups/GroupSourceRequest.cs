namespace BlockStore.Core.Groups;

/// <summary>A validated <c>POST /groups/action {"create-from-src": …}</c>: exactly one of the two sources.</summary>
public sealed record GroupSourceRequest(Guid? GroupSnapshotId, Guid? SourceGroupId, string? Name, string? Description);
