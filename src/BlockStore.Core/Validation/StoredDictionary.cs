using System.Text.Json;
using BlockStore.Core.Errors;

namespace BlockStore.Core.Validation;

/// <summary>
/// A resource's user dictionary (volume and snapshot metadata, QoS spec keys) as its Table row holds it: the whole
/// dictionary as one JSON string in one property, so a change is one compare-and-swap of one row.
/// </summary>
public static class StoredDictionary
{
    /// <summary>
    /// Azure Table storage holds at most 64 KiB in a string property, i.e. 32,768 UTF-16 characters; a longer one
    /// fails the write (PropertyValueTooLarge). The limit is on the JSON, not on the keys and values as sent, because
    /// the serializer writes quotes, '&lt;', '&amp;' and every non-ASCII character as a six-character <c>\uXXXX</c>.
    /// Cinder keeps one database row per item and has no such limit; here about 60 items of 255-character keys and
    /// values (its schema's maximum) fit, or about 150 of 200-character values under short keys.
    /// </summary>
    public const int MaxJsonLength = 32 * 1024;

    /// <summary>The JSON that the row's property holds.</summary>
    public static string ToJson(IReadOnlyDictionary<string, string> dictionary) => JsonSerializer.Serialize(dictionary);

    public static Dictionary<string, string> FromJson(string? json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json ?? "{}") ?? [];

    /// <summary>
    /// Refuses, with Cinder's 413 for metadata, a dictionary whose row property could not be written; called before
    /// anything is written, so the refusal changes nothing.
    /// </summary>
    /// <param name="what">Whose dictionary, as the message names it ("the volume's metadata").</param>
    public static IReadOnlyDictionary<string, string> EnsureFits(IReadOnlyDictionary<string, string> dictionary, string what)
    {
        ToFittingJson(dictionary, length =>
            $"Invalid metadata size: {what} would take {length} characters when stored, more than the {MaxJsonLength} that one record holds.");
        return dictionary;
    }

    /// <summary>The JSON the row's property holds, or a 413 (<paramref name="tooLarge"/> of its length) when it would not fit.</summary>
    public static string ToFittingJson(IReadOnlyDictionary<string, string> dictionary, Func<int, string> tooLarge)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(tooLarge);
        var json = ToJson(dictionary);
        return json.Length <= MaxJsonLength ? json : throw new TooLargeException(tooLarge(json.Length));
    }
}
