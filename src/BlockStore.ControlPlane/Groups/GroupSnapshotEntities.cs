using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Groups;

namespace BlockStore.ControlPlane.Groups;

/// <summary>Maps group snapshots to and from their rows (<c>groupsnapshot_{id}</c>) in their project's partition.</summary>
internal sealed class GroupSnapshotEntities : IRowMapper<GroupSnapshot>
{
    public const string Prefix = "groupsnapshot_";

    public static GroupSnapshotEntities Instance { get; } = new();

    public string RowPrefix => Prefix;

    public static string RowKey(Guid id) => Prefix + id.ToString("D");

    public string ProjectOf(GroupSnapshot row) => row.ProjectId;

    public string RowKeyOf(GroupSnapshot row) => RowKey(row.Id);

    public TableEntity ToEntity(GroupSnapshot snapshot) => new(snapshot.ProjectId, RowKey(snapshot.Id))
    {
        ["UserId"] = snapshot.UserId,
        ["GroupId"] = snapshot.GroupId,
        ["GroupTypeId"] = snapshot.GroupTypeId,
        ["Name"] = snapshot.Name,
        ["Description"] = snapshot.Description,
        ["Status"] = snapshot.Status,
        ["CreatedAt"] = snapshot.CreatedAt,
        ["UpdatedAt"] = snapshot.UpdatedAt,
    };

    public GroupSnapshot FromEntity(TableEntity entity) => new()
    {
        Id = Guid.Parse(entity.RowKey.AsSpan(Prefix.Length)),
        ProjectId = entity.PartitionKey,
        UserId = entity.GetString("UserId") ?? "",
        GroupId = entity.GetGuid("GroupId") ?? Guid.Empty,
        GroupTypeId = entity.GetGuid("GroupTypeId") ?? Guid.Empty,
        Name = entity.GetString("Name"),
        Description = entity.GetString("Description"),
        Status = entity.GetString("Status") ?? GroupSnapshotStatuses.Error,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
    };
}
