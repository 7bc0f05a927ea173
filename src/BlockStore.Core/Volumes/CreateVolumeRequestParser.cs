using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlockStore.Core.Errors;

namespace BlockStore.Core.Volumes;

/// <summary>
/// Validates a Cinder v3 volume-create body as Cinder's JSON schema does, with Cinder's wording.
/// Anything it accepts can be stored and scheduled; anything else is a 400 that changes nothing.
/// </summary>
public static partial class CreateVolumeRequestParser
{
    public const int MaxStringLength = 255;

    /// <summary>Fields Cinder accepts that BlockStore cannot serve yet: refused clearly instead of ignored.</summary>
    private static readonly string[] UnsupportedSources = ["snapshot_id", "source_volid", "imageRef", "backup_id", "consistencygroup_id", "group_id"];

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

        return new CreateVolumeRequest
        {
            SizeGib = ParseSize(volume),
            Name = OptionalString(volume, "name") ?? OptionalString(volume, "display_name"),
            Description = OptionalString(volume, "description") ?? OptionalString(volume, "display_description"),
            AvailabilityZone = OptionalString(volume, "availability_zone"),
            VolumeType = OptionalString(volume, "volume_type"),
            Metadata = ParseMetadata(volume),
            SameHostAs = ParseHint(body, "same_host"),
            DifferentHostFrom = ParseHint(body, "different_host"),
        };
    }

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

    private static string? OptionalString(JsonElement volume, string field)
    {
        if (!volume.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new BadRequestException($"Invalid input for field/attribute {field}. Value: {value.GetRawText()}. {value.GetRawText()} is not of type 'string'");
        }

        var text = value.GetString()!;
        if (text.Length > MaxStringLength)
        {
            throw new BadRequestException($"Invalid input for field/attribute {field}. Value: {text}. '{text}' is too long");
        }

        return text;
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement volume)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!volume.TryGetProperty("metadata", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return metadata;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"Invalid input for field/attribute metadata. Value: {value.GetRawText()}. {value.GetRawText()} is not of type 'object'");
        }

        foreach (var item in value.EnumerateObject())
        {
            if (!MetadataKeyPattern().IsMatch(item.Name))
            {
                throw new BadRequestException($"Invalid input for field/attribute metadata. Value: {value.GetRawText()}. Metadata keys must be 1 to {MaxStringLength} characters of letters, digits, '-', '_', ':', '.', ' ' and '/'.");
            }

            if (item.Value.ValueKind != JsonValueKind.String || item.Value.GetString()!.Length > MaxStringLength)
            {
                throw new BadRequestException($"Invalid input for field/attribute metadata. Value: {value.GetRawText()}. Metadata values must be strings of at most {MaxStringLength} characters.");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }

        return metadata;
    }

    /// <summary>Cinder's metadata key pattern (api/validation/parameter_types.py).</summary>
    [GeneratedRegex("^[a-zA-Z0-9-_:. /]{1,255}$")]
    private static partial Regex MetadataKeyPattern();
}
