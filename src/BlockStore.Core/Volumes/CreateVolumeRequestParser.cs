using System.Globalization;
using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Volumes;

/// <summary>
/// Validates a Cinder v3 volume-create body as Cinder's JSON schema does, with Cinder's wording.
/// Anything it accepts can be stored and scheduled; anything else is a 400 that changes nothing.
/// </summary>
public static class CreateVolumeRequestParser
{
    /// <summary>Fields Cinder accepts that BlockStore cannot serve yet: refused clearly instead of ignored.</summary>
    /// <remarks><c>image_id</c> is Cinder's other name for <c>imageRef</c> (3.46).</remarks>
    private static readonly string[] UnsupportedSources = ["imageRef", "image_id", "backup_id", "consistencygroup_id"];

    public static CreateVolumeRequest Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("volume", out var volume) || volume.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("Invalid input received: the request body must be an object with a 'volume' object.");
        }

        foreach (var field in UnsupportedSources)
        {
            if (volume.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                throw new BadRequestException($"Invalid input received: creating a volume from '{field}' is not supported by this deployment yet.");
            }
        }

        // Cinder removed the parameter in favour of multiattach volume types; false is still accepted.
        if (RequestFields.OptionalBool(volume, "multiattach") == true)
        {
            throw new BadRequestException(
                "multiattach parameter has been removed. The default behavior is to use multiattach enabled volume types. " +
                "Contact your administrator to create a multiattach enabled volume type and use it to create multiattach volumes.");
        }

        var snapshotId = ParseSource(volume, "snapshot_id");
        var sourceVolumeId = ParseSource(volume, "source_volid");
        if (snapshotId is not null && sourceVolumeId is not null)
        {
            throw new BadRequestException("Invalid input received: Only one of snapshot_id and source_volid may be given.");
        }

        var hasSource = snapshotId is not null || sourceVolumeId is not null;
        return new CreateVolumeRequest
        {
            // With a source, a missing size means "the source's size", as in Cinder.
            SizeGib = hasSource && (!volume.TryGetProperty("size", out var size) || size.ValueKind == JsonValueKind.Null) ? null : ParseSize(volume),
            SnapshotId = snapshotId,
            SourceVolumeId = sourceVolumeId,
            Name = RequestFields.OptionalString(volume, "name") ?? RequestFields.OptionalString(volume, "display_name"),
            Description = RequestFields.OptionalString(volume, "description") ?? RequestFields.OptionalString(volume, "display_description"),
            AvailabilityZone = RequestFields.OptionalString(volume, "availability_zone"),
            VolumeType = RequestFields.OptionalString(volume, "volume_type"),
            Metadata = RequestFields.Metadata(volume),
            GroupId = RequestFields.OptionalUuid(volume, "group_id"),
            SameHostAs = ParseHint(body, "same_host"),
            DifferentHostFrom = ParseHint(body, "different_host"),
        };
    }

    private static Guid? ParseSource(JsonElement volume, string field) => RequestFields.OptionalUuid(volume, field);

    /// <summary>A hint of <c>OS-SCH-HNT:scheduler_hints</c>: one volume id or a list of them.</summary>
    private static Guid[] ParseHint(JsonElement body, string hint)
    {
        if (!body.TryGetProperty("OS-SCH-HNT:scheduler_hints", out var hints) || hints.ValueKind != JsonValueKind.Object ||
            !hints.TryGetProperty(hint, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value];
        return [.. items.Select(item => item.ValueKind == JsonValueKind.String && Guid.TryParse(item.GetString(), out var id)
            ? id
            : throw new BadRequestException($"Invalid input received: scheduler hint {hint} must name volume ids, not {item.GetRawText()}."))];
    }

    private static int ParseSize(JsonElement volume)
    {
        if (!volume.TryGetProperty("size", out var size) || size.ValueKind == JsonValueKind.Null)
        {
            throw new BadRequestException("Invalid input for field/attribute size. Value: None. None is not of type 'integer', 'string'");
        }

        var raw = size.ValueKind == JsonValueKind.String ? size.GetString()! : size.GetRawText();
        var parsed = size.ValueKind switch
        {
            JsonValueKind.Number when size.TryGetInt32(out var number) => number,
            JsonValueKind.String when raw.Length > 0 && raw.All(char.IsAsciiDigit) && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => (int?)null,
        };

        if (parsed is null)
        {
            throw new BadRequestException($"Invalid input for field/attribute size. Value: {raw}. '{raw}' is not a valid integer size in GiB.");
        }

        if (parsed < 1)
        {
            throw new BadRequestException($"Invalid input for field/attribute size. Value: {raw}. {raw} is less than the minimum of 1");
        }

        return parsed.Value;
    }
}
