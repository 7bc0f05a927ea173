using System.Text.Json;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Groups;

namespace BlockStore.ControlPlane.Groups;

/// <summary>Maps groups to and from their rows (<c>group_{id}</c>) in their project's partition.</summary>
internal sealed class GroupEntities : IRowMapper<Group>
{
    public const string Prefix = "group_";

    public static GroupEntities Instance { get; } = new();

    public string RowPrefix => Prefix;

    public static string RowKey(Guid groupId) => Prefix + groupId.ToString("D");

    public string ProjectOf(Group row) => row.ProjectId;

    public string RowKeyOf(Group row) => RowKey(row.Id);

    public TableEntity ToEntity(Group group) => new(group.ProjectId, RowKey(group.Id))
    {
        ["UserId"] = group.UserId,
        ["Name"] = group.Name,
        ["Description"] = group.Description,
        ["Status"] = group.Status,
        ["AvailabilityZone"] = group.AvailabilityZone,
        ["GroupTypeId"] = group.GroupTypeId,
        ["VolumeTypeIds"] = JsonSerializer.Serialize(group.VolumeTypeIds),
        ["GroupSnapshotId"] = group.GroupSnapshotId,
        ["SourceGroupId"] = group.SourceGroupId,
        ["CreatedAt"] = group.CreatedAt,
        ["UpdatedAt"] = group.UpdatedAt,
    };

    public Group FromEntity(TableEntity entity) => new()
    {
        Id = Guid.Parse(entity.RowKey.AsSpan(Prefix.Length)),
        ProjectId = entity.PartitionKey,
        UserId = entity.GetString("UserId") ?? "",
        Name = entity.GetString("Name"),
        Description = entity.GetString("Description"),
        Status = entity.GetString("Status") ?? GroupStatuses.Error,
        AvailabilityZone = entity.GetString("AvailabilityZone") ?? "",
        GroupTypeId = entity.GetGuid("GroupTypeId") ?? Guid.Empty,
        VolumeTypeIds = JsonSerializer.Deserialize<Guid[]>(entity.GetString("VolumeTypeIds") ?? "[]") ?? [],
        GroupSnapshotId = entity.GetGuid("GroupSnapshotId"),
        SourceGroupId = entity.GetGuid("SourceGroupId"),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
    };
}
