using System.Text.Json;
using System.Text.RegularExpressions;
using BlockStore.Core.Errors;

namespace BlockStore.Core.Validation;

/// <summary>
/// Key/value specs as Cinder's schemas read them (a type's <c>extra_specs</c>, a group type's <c>group_specs</c>): keys
/// of Cinder's pattern, values of at most 255 characters. Volume types also take numbers and booleans as their text;
/// group types take only strings.
/// </summary>
public static partial class SpecFields
{
    /// <summary>An object of specs under the name <paramref name="field"/> (for its messages).</summary>
    public static Dictionary<string, string> Parse(JsonElement specs, string field, bool scalarsAsText)
    {
        if (specs.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"Invalid input for field/attribute {field}. {field} must be an object of strings.");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in specs.EnumerateObject())
        {
            EnsureValidKey(item.Name, field);
            result[item.Name] = Value(item.Name, item.Value, scalarsAsText);
        }

        return result;
    }

    /// <summary><c>{"key": "value"}</c> for <c>PUT …/{specs}/{key}</c>: exactly the key of the URL.</summary>
    public static string ParseItem(JsonElement body, string key, bool scalarsAsText)
    {
        if (body.ValueKind != JsonValueKind.Object || body.EnumerateObject().Count() != 1 || !body.TryGetProperty(key, out var value))
        {
            throw new BadRequestException("Invalid input received: Request body and URI mismatch");
        }

        return Value(key, value, scalarsAsText);
    }

    public static void EnsureValidKey(string key, string field)
    {
        if (!KeyPattern().IsMatch(key))
        {
            throw new BadRequestException($"Invalid input for field/attribute {field}. Key '{key}' must be 1 to 255 letters, digits or '-_:. /'.");
        }
    }

    private static string Value(string key, JsonElement value, bool scalarsAsText)
    {
        var text = (value.ValueKind, scalarsAsText) switch
        {
            (JsonValueKind.String, _) => value.GetString()!,
            (JsonValueKind.Number, true) => value.GetRawText(),
            (JsonValueKind.True, true) => "True",
            (JsonValueKind.False, true) => "False",
            (_, true) => throw new BadRequestException($"Invalid input for field/attribute {key}. Value: {value.GetRawText()}. It must be a string."),
            _ => throw new BadRequestException($"Invalid input for field/attribute {key}. Value: {value.GetRawText()}. {value.GetRawText()} is not of type 'string'"),
        };
        return text.Length <= RequestFields.MaxStringLength
            ? text
            : throw new BadRequestException($"Invalid input for field/attribute {key}. The value is longer than {RequestFields.MaxStringLength} characters.");
    }

    [GeneratedRegex("^[a-zA-Z0-9-_:. /]{1,255}$")]
    private static partial Regex KeyPattern();
}
