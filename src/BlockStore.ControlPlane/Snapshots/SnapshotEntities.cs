using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Validation;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Snapshots;

/// <summary>Maps snapshots to and from their rows in the project's partition.</summary>
internal sealed class SnapshotEntities : IRowMapper<Snapshot>
{
    public const string Prefix = "snapshot_";

    public static SnapshotEntities Instance { get; } = new();

    public string RowPrefix => Prefix;

    public static string RowKey(Guid snapshotId) => Prefix + snapshotId.ToString("D");

    public string ProjectOf(Snapshot row) => row.ProjectId;

    public string RowKeyOf(Snapshot row) => RowKey(row.Id);

    public TableEntity ToEntity(Snapshot snapshot) => new(snapshot.ProjectId, RowKey(snapshot.Id))
    {
        ["UserId"] = snapshot.UserId,
        ["VolumeId"] = snapshot.VolumeId,
        ["Name"] = snapshot.Name,
        ["Description"] = snapshot.Description,
        ["SizeGib"] = snapshot.SizeGib,
        ["Status"] = snapshot.Status.ToWire(),
        ["Metadata"] = StoredDictionary.ToJson(snapshot.Metadata),
        ["Host"] = snapshot.Host,
        ["VolumeTypeId"] = snapshot.VolumeTypeId,
        ["ProviderLocation"] = snapshot.ProviderLocation,
        ["GroupSnapshotId"] = snapshot.GroupSnapshotId,
        ["FailureReason"] = snapshot.FailureReason,
        ["Progress"] = snapshot.Progress,
        ["QuotaHold"] = snapshot.QuotaHold.ToString(),
        ["CreatedAt"] = snapshot.CreatedAt,
        ["UpdatedAt"] = snapshot.UpdatedAt,
    };

    public Snapshot FromEntity(TableEntity entity)
    {
        if (!SnapshotStatusNames.TryParse(entity.GetString("Status"), out var status))
        {
            throw new InvalidDataException($"Snapshot row {entity.PartitionKey}/{entity.RowKey} has an unknown status.");
        }

        return new Snapshot
        {
            Id = Guid.Parse(entity.RowKey.AsSpan(Prefix.Length)),
            ProjectId = entity.PartitionKey,
            UserId = entity.GetString("UserId") ?? "",
            VolumeId = entity.GetGuid("VolumeId") ?? Guid.Empty,
            Name = entity.GetString("Name"),
            Description = entity.GetString("Description"),
            SizeGib = entity.GetInt32("SizeGib") ?? 0,
            Status = status,
            Metadata = StoredDictionary.FromJson(entity.GetString("Metadata")),
            Host = entity.GetString("Host"),
            VolumeTypeId = entity.GetGuid("VolumeTypeId"),
            ProviderLocation = entity.GetString("ProviderLocation"),
            GroupSnapshotId = entity.GetGuid("GroupSnapshotId"),
            FailureReason = entity.GetString("FailureReason"),
            Progress = entity.GetString("Progress"),
            QuotaHold = Enum.Parse<QuotaHold>(entity.GetString("QuotaHold") ?? nameof(QuotaHold.Released)),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
        };
    }
}
