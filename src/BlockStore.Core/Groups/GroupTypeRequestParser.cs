using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Groups;

/// <summary>Validates group type and group spec bodies as Cinder's schemas do (api/schemas/group_types.py, group_specs.py).</summary>
public static class GroupTypeRequestParser
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
    public static string ParseSpecItem(JsonElement body, string key) => SpecFields.ParseItem(body, key, nullInSchema: false);

    public static void EnsureValidKey(string key) => SpecFields.EnsureValidKey(key, "group_specs");

    private static Dictionary<string, string> ParseSpecs(JsonElement specs) => SpecFields.Parse(specs, "group_specs", nullInSchema: false);
}
