namespace BlockStore.Core.Groups;

/// <summary>A validated <c>POST /groups</c> body; the group type and volume types are ids or names, resolved by the caller.</summary>
public sealed record CreateGroupRequest(string GroupType, IReadOnlyList<string> VolumeTypes, string? Name, string? Description, string? AvailabilityZone);
