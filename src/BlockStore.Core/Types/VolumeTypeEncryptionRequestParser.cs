using System.Globalization;
using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Types;

/// <summary>
/// Validates encryption bodies as Cinder's schema does (api/schemas/volume_type_encryption.py): only provider,
/// control_location, cipher and key_size; a create needs provider and control_location, an update any of the four.
/// </summary>
public static class VolumeTypeEncryptionRequestParser
{
    private static readonly string[] Fields = ["provider", "control_location", "cipher", "key_size"];

    public static VolumeTypeEncryptionFields ParseCreate(JsonElement body)
    {
        var fields = Parse(body);
        return fields.Provider is null
            ? throw Invalid("'provider' is a required property")
            : fields.ControlLocation is null
                ? throw Invalid("'control_location' is a required property")
                : fields;
    }

    public static VolumeTypeEncryptionFields ParseUpdate(JsonElement body) => Parse(body);

    private static VolumeTypeEncryptionFields Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || body.EnumerateObject().Any(property => property.Name != "encryption"))
        {
            throw new BadRequestException("Invalid input received: the request body must be an object with only an 'encryption' object.");
        }

        var encryption = RequestFields.RequiredObject(body, "encryption");
        var unknown = encryption.EnumerateObject().Select(property => property.Name).FirstOrDefault(name => !Fields.Contains(name, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw Invalid($"Additional properties are not allowed ('{unknown}' was unexpected)");
        }

        var provider = encryption.TryGetProperty("provider", out var rawProvider) && rawProvider.ValueKind == JsonValueKind.Null
            ? throw Invalid("None is not of type 'string'")
            : RequestFields.OptionalString(encryption, "provider");
        var controlLocation = encryption.TryGetProperty("control_location", out var location)
            ? location.ValueKind == JsonValueKind.String && location.GetString() is VolumeTypeEncryption.FrontEnd or VolumeTypeEncryption.BackEnd
                ? location.GetString()
                : throw Invalid($"{location.GetRawText()} is not one of ['front-end', 'back-end']")
            : null;
        return new VolumeTypeEncryptionFields
        {
            Provider = provider,
            ControlLocation = controlLocation,
            Cipher = RequestFields.OptionalString(encryption, "cipher"),
            CipherGiven = encryption.TryGetProperty("cipher", out _),
            KeySize = KeySize(encryption),
            KeySizeGiven = encryption.TryGetProperty("key_size", out _),
        };
    }

    /// <summary>Cinder's <c>key_size</c>: a non-negative integer, its digits as a string, or null.</summary>
    private static int? KeySize(JsonElement encryption)
    {
        if (!encryption.TryGetProperty("key_size", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!,
            _ => null,
        };
        return text is not null && text.All(char.IsAsciiDigit) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? size
            : throw new BadRequestException($"Invalid input for field/attribute key_size. Value: {value.GetRawText()}. key_size must be a non-negative integer.");
    }

    private static BadRequestException Invalid(string reason) => new($"Invalid input for field/attribute encryption. {reason}");
}
