using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Types;

/// <summary>Validates volume type and extra-spec bodies as Cinder's JSON schemas do (api/schemas/volume_types.py, types_extra_specs.py).</summary>
public static class VolumeTypeRequestParser
{
    private const int MaxLength = 255;

    public static (string Name, string? Description, bool IsPublic, IReadOnlyDictionary<string, string> ExtraSpecs) ParseCreate(JsonElement body)
    {
        var type = Object(body, "volume_type");
        var name = OptionalString(type, "name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new BadRequestException("Invalid input for field/attribute name. Value: None. The volume type needs a name of 1 to 255 characters.");
        }

        var isPublic = OptionalBool(type, "os-volume-type-access:is_public") ?? OptionalBool(type, "is_public") ?? true;
        var specs = type.TryGetProperty("extra_specs", out var raw) && raw.ValueKind != JsonValueKind.Null
            ? ParseSpecs(raw)
            : new Dictionary<string, string>();
        return (name, OptionalString(type, "description"), isPublic, specs);
    }

    public static (string? Name, string? Description, bool DescriptionGiven, bool? IsPublic) ParseUpdate(JsonElement body)
    {
        var type = Object(body, "volume_type");
        var name = OptionalString(type, "name")?.Trim();
        if (name is { Length: 0 })
        {
            throw new BadRequestException("Invalid input for field/attribute name. The volume type name may not be empty.");
        }

        var descriptionGiven = type.TryGetProperty("description", out _);
        var isPublic = OptionalBool(type, "is_public") ?? OptionalBool(type, "os-volume-type-access:is_public");
        if (name is null && !descriptionGiven && isPublic is null)
        {
            throw new BadRequestException("Invalid input received: Specify volume type name, description, is_public or a combination thereof.");
        }

        return (name, OptionalString(type, "description"), descriptionGiven, isPublic);
    }

    /// <summary><c>{"extra_specs": {…}}</c> for a merge.</summary>
    public static IReadOnlyDictionary<string, string> ParseExtraSpecs(JsonElement body) => ParseSpecs(Object(body, "extra_specs", out var specs) ? specs : default);

    /// <summary><c>{"key": "value"}</c> for <c>PUT …/extra_specs/{key}</c>: exactly the key of the URL.</summary>
    public static string ParseExtraSpecItem(JsonElement body, string key) => SpecFields.ParseItem(body, key, nullInSchema: true);

    /// <summary>
    /// An admin's <c>is_public</c> filter on the type list, as Cinder's <c>_parse_is_public</c>: absent (null) is the
    /// public types, <c>None</c> is every type (null), anything else is read by <c>bool_from_string</c> strictly.
    /// </summary>
    public static bool? ParseIsPublicFilter(string? filter)
    {
        if (filter is null)
        {
            return true;
        }

        if (filter.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return filter.Trim().ToLowerInvariant() switch
        {
            "1" or "t" or "true" or "on" or "y" or "yes" => true,
            "0" or "f" or "false" or "off" or "n" or "no" => false,
            _ => throw new BadRequestException($"Invalid is_public filter [{filter}]"),
        };
    }

    public static void EnsureValidKey(string key) => SpecFields.EnsureValidKey(key, "extra_specs");

    /// <summary>Cinder's schema takes strings only (<c>{"k": 1}</c> is a 400), as <c>parameter_types.extra_specs_with_null</c>.</summary>
    private static Dictionary<string, string> ParseSpecs(JsonElement specs) => SpecFields.Parse(specs, "extra_specs", nullInSchema: true);

    private static JsonElement Object(JsonElement body, string property) =>
        Object(body, property, out var value) ? value : throw new BadRequestException($"Invalid input received: the request body must be an object with a '{property}' object.");

    private static bool Object(JsonElement body, string property, out JsonElement value)
    {
        value = default;
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty(property, out value) && value.ValueKind == JsonValueKind.Object;
    }

    private static string? OptionalString(JsonElement type, string field)
    {
        if (!type.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length > MaxLength)
        {
            throw new BadRequestException($"Invalid input for field/attribute {field}. Value: {value.GetRawText()}. It must be a string of at most {MaxLength} characters.");
        }

        return value.GetString();
    }

    private static bool? OptionalBool(JsonElement type, string field)
    {
        if (!type.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed) => parsed,
            JsonValueKind.String when value.GetString() is "1" or "yes" or "on" => true,
            JsonValueKind.String when value.GetString() is "0" or "no" or "off" => false,
            _ => throw new BadRequestException($"Invalid input for field/attribute {field}. Value: {value.GetRawText()}. It must be a boolean."),
        };
    }
}
