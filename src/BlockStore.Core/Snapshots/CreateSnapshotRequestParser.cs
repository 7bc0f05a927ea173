using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Snapshots;

/// <summary>Validates a Cinder v3 snapshot-create body (api/schemas/snapshots.py).</summary>
public static class CreateSnapshotRequestParser
{
    /// <summary>The schema's properties; anything else is a 400 (<c>additionalProperties: false</c>).</summary>
    private static readonly string[] Fields = ["name", "display_name", "description", "volume_id", "force", "metadata"];

    public static CreateSnapshotRequest Parse(JsonElement body)
    {
        var snapshot = RequestFields.RequiredObject(body, "snapshot");
        RequestFields.RejectUnknown(snapshot, "snapshot", Fields);
        if (!snapshot.TryGetProperty("volume_id", out _))
        {
            throw new BadRequestException($"Invalid input for field/attribute snapshot. Value: {snapshot.GetRawText()}. 'volume_id' is a required property");
        }

        // The schema allows a null volume_id, and Cinder answers it as a snapshot of a volume that cannot be found.
        var volumeId = RequestFields.OptionalUuid(snapshot, "volume_id") ?? throw NotFoundException.Volume("None");

        return new CreateSnapshotRequest
        {
            VolumeId = volumeId,
            Force = RequestFields.OptionalBool(snapshot, "force") ?? false,
            ForceGiven = RequestFields.OptionalBool(snapshot, "force") is not null,
            Name = RequestFields.OptionalString(snapshot, "name") ?? RequestFields.OptionalString(snapshot, "display_name"),
            Description = RequestFields.OptionalString(snapshot, "description"),
            Metadata = RequestFields.Metadata(snapshot),
        };
    }
}
