using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BlockStore.Core.Errors;

namespace BlockStore.ControlPlane.Http;

/// <summary>
/// Cinder's volume metadata ETag (3.15): a digest of the metadata itself, so it changes exactly when the metadata does.
/// It is checked inside the compare-and-swap of the change, so two writers holding the same ETag cannot both win.
/// </summary>
public static class MetadataEtag
{
    public static string Of(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var canonical = JsonSerializer.Serialize(metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))[..16]);
    }

    /// <summary>Passes when there is no <paramref name="ifMatch"/> or it (ETags, quoted or not, or <c>*</c>) matches the current metadata.</summary>
    /// <exception cref="PreconditionFailedException">The metadata changed since the client read its ETag.</exception>
    public static void EnsureMatches(IReadOnlyDictionary<string, string> current, string? ifMatch)
    {
        if (ifMatch is null)
        {
            return;
        }

        var etag = Of(current);
        var given = ifMatch.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(tag => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag)
            .Select(tag => tag.Trim('"'));
        if (!given.Any(tag => tag == "*" || tag == etag))
        {
            throw new PreconditionFailedException("The metadata was changed since its ETag was read.");
        }
    }
}
