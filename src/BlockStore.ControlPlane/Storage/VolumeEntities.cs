using Azure.Data.Tables;
using BlockStore.Core.Validation;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Storage;

/// <summary>Maps volumes to and from their Table rows (one property per field a Cinder response shows).</summary>
internal sealed class VolumeEntities : IRowMapper<Volume>
{
    public const string Prefix = "volume_";

    public static VolumeEntities Instance { get; } = new();

    public string RowPrefix => Prefix;

    public static string RowKey(Guid volumeId) => Prefix + volumeId.ToString("D");

    public string ProjectOf(Volume row) => row.ProjectId;

    public string RowKeyOf(Volume row) => RowKey(row.Id);

    public TableEntity ToEntity(Volume volume) => new(volume.ProjectId, RowKey(volume.Id))
    {
        ["UserId"] = volume.UserId,
        ["Name"] = volume.Name,
        ["Description"] = volume.Description,
        ["SizeGib"] = volume.SizeGib,
        ["Status"] = volume.Status.ToWire(),
        ["AvailabilityZone"] = volume.AvailabilityZone,
        ["VolumeType"] = volume.VolumeType,
        ["VolumeTypeId"] = volume.VolumeTypeId,
        ["Metadata"] = StoredDictionary.ToJson(volume.Metadata),
        ["Bootable"] = volume.Bootable,
        ["ReadOnly"] = volume.ReadOnly,
        ["SnapshotId"] = volume.SnapshotId,
        ["SourceVolumeId"] = volume.SourceVolumeId,
        ["GroupId"] = volume.GroupId,
        ["Host"] = volume.Host,
        ["ProviderLocation"] = volume.ProviderLocation,
        ["FailureReason"] = volume.FailureReason,
        ["QuotaHold"] = volume.QuotaHold.ToString(),
        ["CreatedAt"] = volume.CreatedAt,
        ["UpdatedAt"] = volume.UpdatedAt,
    };

    public Volume FromEntity(TableEntity entity)
    {
        if (!VolumeStatusNames.TryParse(entity.GetString("Status"), out var status))
        {
            throw new InvalidDataException($"Volume row {entity.PartitionKey}/{entity.RowKey} has an unknown status.");
        }

        return new Volume
        {
            Id = Guid.Parse(entity.RowKey.AsSpan(Prefix.Length)),
            ProjectId = entity.PartitionKey,
            UserId = entity.GetString("UserId") ?? "",
            Name = entity.GetString("Name"),
            Description = entity.GetString("Description"),
            SizeGib = entity.GetInt32("SizeGib") ?? 0,
            Status = status,
            AvailabilityZone = entity.GetString("AvailabilityZone") ?? "",
            VolumeType = entity.GetString("VolumeType") ?? Volume.DefaultVolumeType,
            VolumeTypeId = entity.GetGuid("VolumeTypeId"),
            Metadata = StoredDictionary.FromJson(entity.GetString("Metadata")),
            Bootable = entity.GetBoolean("Bootable") ?? false,
            ReadOnly = entity.GetBoolean("ReadOnly"),
            SnapshotId = entity.GetGuid("SnapshotId"),
            SourceVolumeId = entity.GetGuid("SourceVolumeId"),
            GroupId = entity.GetGuid("GroupId"),
            Host = entity.GetString("Host"),
            ProviderLocation = entity.GetString("ProviderLocation"),
            FailureReason = entity.GetString("FailureReason"),
            QuotaHold = Enum.Parse<QuotaHold>(entity.GetString("QuotaHold") ?? nameof(QuotaHold.Released)),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            UpdatedAt = entity.GetDateTimeOffset("UpdatedAt"),
        };
    }
}
