using System.Text.Json;
using System.Text.RegularExpressions;
using BlockStore.Core.Errors;

namespace BlockStore.Core.Validation;

/// <summary>
/// Key/value specs as Cinder's schemas read them (a type's <c>extra_specs</c>, a group type's <c>group_specs</c>): keys
/// of Cinder's pattern, values strings of at most 255 characters. <c>nullInSchema</c> says whether Cinder's schema
/// types the values <c>['string', 'null']</c> (extra specs) or <c>'string'</c> (group specs), which only its message shows.
/// </summary>
public static partial class SpecFields
{
    /// <summary>An object of specs under the name <paramref name="field"/> (for its messages).</summary>
    public static Dictionary<string, string> Parse(JsonElement specs, string field, bool nullInSchema)
    {
        if (specs.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"Invalid input for field/attribute {field}. {field} must be an object of strings.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in specs.EnumerateObject())
        {
            EnsureValidKey(item.Name, field);
            result[item.Name] = Value(item.Name, item.Value, nullInSchema);
        }

        return result;
    }

    /// <summary><c>{"key": "value"}</c> for <c>PUT …/{specs}/{key}</c>: exactly the key of the URL.</summary>
    public static string ParseItem(JsonElement body, string key, bool nullInSchema)
    {
        if (body.ValueKind != JsonValueKind.Object || body.EnumerateObject().Count() != 1 || !body.TryGetProperty(key, out var value))
        {
            throw new BadRequestException("Invalid input received: Request body and URI mismatch");
        }

        return Value(key, value, nullInSchema);
    }

    public static void EnsureValidKey(string key, string field)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw new BadRequestException($"Invalid input for field/attribute {field}. Key '{key}' must be 1 to 255 letters, digits or '-_:. /'.");
        }
    }

    private static string Value(string key, JsonElement value, bool nullInSchema)
    {
        // Cinder's schemas: a type's extra_specs are of type ['string', 'null'], a group type's group_specs 'string';
        // jsonschema's message names the allowed types. (A null extra spec is still refused here.)
        var text = value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new BadRequestException(
                $"Invalid input for field/attribute {key}. Value: {PythonText(value)}. {PythonText(value)} is not of type {(nullInSchema ? "'string', 'null'" : "'string'")}");
        return text.Length <= RequestFields.MaxStringLength
            ? text
            : throw new BadRequestException($"Invalid input for field/attribute {key}. The value is longer than {RequestFields.MaxStringLength} characters.");
    }

    /// <summary>The value as Cinder's message prints it (Python's text of the decoded JSON).</summary>
    private static string PythonText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        _ => value.GetRawText(),
    };

    [GeneratedRegex("^[a-zA-Z0-9-_:. /]{1,255}$")]
    private static partial Regex KeyPattern();
}
