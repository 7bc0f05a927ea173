using System.Text.Json;
using System.Text.RegularExpressions;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Groups;

/// <summary>Validates group type and group spec bodies as Cinder's schemas do (api/schemas/group_types.py, group_specs.py).</summary>
public static partial class GroupTypeRequestParser
{
    public static (string Name, string? Description, bool IsPublic, IReadOnlyDictionary<string, string> GroupSpecs) ParseCreate(JsonElement body)
    {
        var type = RequestFields.RequiredObject(body, "group_type");
        var name = RequestFields.OptionalString(type, "name")?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new BadRequestException("Invalid input for field/attribute name. Value: None. The group type needs a name of 1 to 255 characters.");
        }

        var specs = type.TryGetProperty("group_specs", out var raw) && raw.ValueKind != JsonValueKind.Null
            ? ParseSpecs(raw)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return (name, RequestFields.OptionalString(type, "description"), RequestFields.OptionalBool(type, "is_public") ?? true, specs);
    }

    public static (string? Name, string? Description, bool DescriptionGiven, bool? IsPublic) ParseUpdate(JsonElement body)
    {
        var type = RequestFields.RequiredObject(body, "group_type");
        var name = RequestFields.OptionalString(type, "name")?.Trim();
        if (name is { Length: 0 })
        {
            throw new BadRequestException("Invalid input for field/attribute name. The group type name may not be empty.");
        }

        var descriptionGiven = type.TryGetProperty("description", out _);
        var isPublic = RequestFields.OptionalBool(type, "is_public");
        if (name is null && !descriptionGiven && isPublic is null)
        {
            throw new BadRequestException("Invalid input received: Specify group type name, description or a combination thereof.");
        }

        return (name, RequestFields.OptionalString(type, "description"), descriptionGiven, isPublic);
    }

    /// <summary><c>{"group_specs": {…}}</c> for a merge.</summary>
    public static IReadOnlyDictionary<string, string> ParseGroupSpecs(JsonElement body) =>
        ParseSpecs(body.ValueKind == JsonValueKind.Object && body.TryGetProperty("group_specs", out var specs) ? specs : default);

    /// <summary><c>{"key": "value"}</c> for <c>PUT …/group_specs/{key}</c>: exactly the key of the URL.</summary>
    public static string ParseSpecItem(JsonElement body, string key)
    {
        if (body.ValueKind != JsonValueKind.Object || body.EnumerateObject().Count() != 1 || !body.TryGetProperty(key, out var value))
        {
            throw new BadRequestException("Invalid input received: Request body and URI mismatch");
        }

        return SpecValue(key, value);
    }

    public static void EnsureValidKey(string key)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw new BadRequestException($"Invalid input for field/attribute group_specs. Key '{key}' must be 1 to 255 letters, digits or '-_:. /'.");
        }
    }

    private static Dictionary<string, string> ParseSpecs(JsonElement specs)
    {
        if (specs.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("Invalid input for field/attribute group_specs. group_specs must be an object of strings.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in specs.EnumerateObject())
        {
            EnsureValidKey(item.Name);
            result[item.Name] = SpecValue(item.Name, item.Value);
        }

        return result;
    }

    private static string SpecValue(string key, JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new BadRequestException($"Invalid input for field/attribute {key}. Value: {value.GetRawText()}. {value.GetRawText()} is not of type 'string'");
        return text.Length <= RequestFields.MaxStringLength
            ? text
            : throw new BadRequestException($"Invalid input for field/attribute {key}. The value is longer than {RequestFields.MaxStringLength} characters.");
    }

    [GeneratedRegex("^[a-zA-Z0-9-_:. /]{1,255}$")]
    private static partial Regex KeyPattern();
}
