using System.Text.Json;
using System.Text.RegularExpressions;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Qos;

/// <summary>Validates QoS spec bodies and parameters as Cinder does (api/schemas/qos_specs.py, qos_specs_manage.py), with its wording.</summary>
public static partial class QosSpecRequestParser
{
    private const int MaxLength = 255;
    private const string NameKey = "name";

    /// <summary>
    /// <c>{"qos_specs": {"name": …, "consumer": …, key: value…}}</c>: every member other than name and consumer is a spec.
    /// The consumer defaults to back-end, as in Cinder.
    /// </summary>
    public static (string Name, string Consumer, IReadOnlyDictionary<string, string> Specs) ParseCreate(JsonElement body)
    {
        var qos = Object(body, "qos_specs");
        if (!qos.TryGetProperty(NameKey, out var rawName) || rawName.ValueKind != JsonValueKind.String)
        {
            throw new BadRequestException("Invalid input for field/attribute name. Value: None. 'name' is a required property and must be a string.");
        }

        var name = rawName.GetString()!.Trim();
        if (name.Length is 0 or > MaxLength)
        {
            throw new BadRequestException($"Invalid input for field/attribute name. Value: {rawName.GetRawText()}. The QoS specs need a name of 1 to {MaxLength} characters.");
        }

        var consumer = QosConsumer.Default;
        var specs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in qos.EnumerateObject())
        {
            if (item.Name == NameKey)
            {
                continue;
            }

            var value = Value(item);
            if (item.Name == QosSpec.ConsumerKey)
            {
                consumer = QosConsumer.Parse(value);
            }
            else
            {
                specs[item.Name] = value;
            }
        }

        return (name, consumer, specs);
    }

    /// <summary>
    /// <c>{"qos_specs": {key: value…}}</c> for set keys (Cinder's <c>extra_specs</c> schema); <c>consumer</c> is validated
    /// here and stays in the result, since Cinder answers with the keys as sent.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseSet(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || body.EnumerateObject().Any(member => member.Name != "qos_specs"))
        {
            throw new BadRequestException("Invalid input received: the request body must be an object with only a 'qos_specs' object.");
        }

        var qos = Object(body, "qos_specs");
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in qos.EnumerateObject())
        {
            keys[item.Name] = Value(item);
            if (item.Name == QosSpec.ConsumerKey)
            {
                QosConsumer.Parse(keys[item.Name]);
            }
        }

        return keys;
    }

    /// <summary><c>{"keys": ["k"…]}</c> for unset: unique strings of 1 to 255 characters.</summary>
    public static IReadOnlyList<string> ParseUnset(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array
            || body.EnumerateObject().Count() != 1)
        {
            throw new BadRequestException("Invalid input received: the request body must be {\"keys\": [...]}.");
        }

        var result = new List<string>();
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.String || key.GetString()!.Length is 0 or > MaxLength)
            {
                throw new BadRequestException($"Invalid input for field/attribute keys. Value: {key.GetRawText()}. Keys must be strings of 1 to {MaxLength} characters.");
            }

            if (result.Contains(key.GetString()!, StringComparer.Ordinal))
            {
                throw new BadRequestException($"Invalid input for field/attribute keys. Value: {keys.GetRawText()}. {keys.GetRawText()} has non-unique elements");
            }

            result.Add(key.GetString()!);
        }

        return result;
    }

    /// <summary>Cinder's <c>vol_type_id</c> query parameter of associate and disassociate: required.</summary>
    public static string ParseVolumeTypeId(string? value) =>
        string.IsNullOrEmpty(value) ? throw new BadRequestException("Volume Type id must not be None.") : value;

    /// <summary>Cinder's strict <c>force</c> parameter of delete: absent is false, anything but a boolean string is a 400.</summary>
    public static bool ParseForce(string? value) => RequestFields.QueryBool(value, "force");

    private static string Value(JsonProperty item)
    {
        if (!KeyPattern().IsMatch(item.Name))
        {
            throw new BadRequestException($"Invalid input for field/attribute qos_specs. Key '{item.Name}' must be 1 to {MaxLength} letters, digits or '-_:. /'.");
        }

        // Cinder stores the text of strings, numbers and booleans.
        var text = item.Value.ValueKind switch
        {
            JsonValueKind.String => item.Value.GetString()!,
            JsonValueKind.Number => item.Value.GetRawText(),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            _ => throw new BadRequestException($"Invalid input for field/attribute {item.Name}. Value: {item.Value.GetRawText()}. It must be a string."),
        };
        return text.Length <= MaxLength
            ? text
            : throw new BadRequestException($"Invalid input for field/attribute {item.Name}. The value is longer than {MaxLength} characters.");
    }

    private static JsonElement Object(JsonElement body, string property) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new BadRequestException($"Invalid input received: the request body must be an object with a '{property}' object.");

    [GeneratedRegex("^[a-zA-Z0-9-_:. /]{1,255}$")]
    private static partial Regex KeyPattern();
}
