using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Volumes;

/// <summary>
/// Cinder's microversion 3.53 schemas (<c>create_volume_v353</c>, <c>update_volume_v353</c>): from it, a volume create
/// or update naming a field the schema does not know is a 400 instead of being ignored.
/// </summary>
public static class StrictVolumeSchema
{
    private static readonly string[] CreateFields =
    [
        "name", "description", "display_name", "display_description", "volume_type", "metadata", "snapshot_id", "source_volid",
        "consistencygroup_id", "size", "availability_zone", "multiattach", "image_id", "imageRef", "group_id", "backup_id",
    ];

    private static readonly string[] UpdateFields = ["name", "description", "display_name", "display_description", "metadata"];

    /// <exception cref="BadRequestException">An unknown field in <c>volume</c>, in Cinder's validator's words.</exception>
    public static void EnsureKnownCreateFields(JsonElement body) => EnsureKnown(body, CreateFields);

    /// <exception cref="BadRequestException">An unknown field in <c>volume</c>, in Cinder's validator's words.</exception>
    public static void EnsureKnownUpdateFields(JsonElement body) => EnsureKnown(body, UpdateFields);

    private static void EnsureKnown(JsonElement body, string[] known)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("volume", out var volume) || volume.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        RequestFields.RejectUnknown(volume, "volume", known);
    }
}
