using System.Text.Json;
using System.Text.RegularExpressions;
using BlockStore.Core.Errors;

namespace BlockStore.Core.Validation;

/// <summary>Cinder's parameter types (api/validation/parameter_types.py) for request bodies, with Cinder's wording.</summary>
public static partial class RequestFields
{
    public const int MaxStringLength = 255;

    /// <summary>The object under <paramref name="name"/> (<c>{"volume": {…}}</c>), or a 400.</summary>
    public static JsonElement RequiredObject(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new BadRequestException($"Invalid input received: the request body must be an object with a '{name}' object.");

    /// <summary>Cinder's <c>uuid</c> parameter: absent or null is null, anything but a UUID is a 400 (the schema's format check).</summary>
    public static Guid? OptionalUuid(JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw new BadRequestException($"Invalid input for field/attribute {field}. Value: {value.GetRawText()}. {value.GetRawText()} is not a 'uuid'");
    }

    /// <summary>Cinder's boolean parameter: true/false, or the strings Cinder's strutils accepts.</summary>
    public static bool? OptionalBool(JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when TryParseBool(value.GetString()!, out var parsed) => parsed,
            _ => throw new BadRequestException($"Invalid input for field/attribute {field}. Value: {value.GetRawText()}. {value.GetRawText()} is not of type 'boolean'"),
        };
    }

    /// <summary>
    /// A schema's <c>additionalProperties: false</c> on the object under <paramref name="field"/>: a 400 naming every
    /// key outside <paramref name="allowed"/>, in jsonschema's wording as Cinder passes it on.
    /// </summary>
    public static void RejectUnknown(JsonElement element, string field, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var unexpected = element.EnumerateObject().Select(property => property.Name).Where(name => !allowed.Contains(name)).ToList();
        if (unexpected.Count > 0)
        {
            var names = string.Join(", ", unexpected.Select(name => $"'{name}'"));
            throw new BadRequestException(
                $"Invalid input for field/attribute {field}. Value: {element.GetRawText()}. Additional properties are not allowed ({names} {(unexpected.Count == 1 ? "was" : "were")} unexpected)");
        }
    }

    /// <summary>
    /// Cinder's boolean query parameters (<c>utils.get_bool_param</c>): absent is false, the strings oslo's strutils
    /// accepts in any case, anything else a 400.
    /// </summary>
    public static bool QueryBool(string? value, string name) =>
        string.IsNullOrEmpty(value) ? false
        : TryParseBool(value, out var parsed) ? parsed
        : throw new BadRequestException($"Value '{value}' for '{name}' is not a boolean.");

    /// <summary>oslo's strict <c>bool_from_string</c>: 1/t/true/on/y/yes and 0/f/false/off/n/no, in any case.</summary>
    public static bool TryParseBool(string value, out bool parsed)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.ToLowerInvariant())
        {
            case "1" or "t" or "true" or "on" or "y" or "yes":
                parsed = true;
                return true;
            case "0" or "f" or "false" or "off" or "n" or "no":
                parsed = false;
                return true;
            default:
                parsed = false;
                return false;
        }
    }

    public static string? OptionalString(JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
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

    public static Dictionary<string, string> Metadata(JsonElement element, string field = "metadata")
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
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
