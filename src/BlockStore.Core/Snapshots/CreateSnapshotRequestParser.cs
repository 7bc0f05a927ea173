using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Snapshots;

/// <summary>Validates a Cinder v3 snapshot-create body (api/schemas/snapshots.py).</summary>
public static class CreateSnapshotRequestParser
{
    public static CreateSnapshotRequest Parse(JsonElement body)
    {
        var snapshot = RequestFields.RequiredObject(body, "snapshot");
        // Cinder answers a snapshot of no volume as a snapshot of a volume that cannot be found.
        var volumeId = RequestFields.OptionalUuid(snapshot, "volume_id") ?? throw NotFoundException.Volume("None");

        return new CreateSnapshotRequest
        {
            VolumeId = volumeId,
            Force = RequestFields.OptionalBool(snapshot, "force") ?? false,
            ForceGiven = RequestFields.OptionalBool(snapshot, "force") is not null,
            Name = RequestFields.OptionalString(snapshot, "name") ?? RequestFields.OptionalString(snapshot, "display_name"),
            Description = RequestFields.OptionalString(snapshot, "description") ?? RequestFields.OptionalString(snapshot, "display_description"),
            Metadata = RequestFields.Metadata(snapshot),
        };
    }
}
