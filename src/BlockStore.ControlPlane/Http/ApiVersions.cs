using System.Globalization;
using BlockStore.Core.Errors;

namespace BlockStore.ControlPlane.Http;

/// <summary>
/// Microversion negotiation (<c>OpenStack-API-Version: volume 3.x</c>). Only what is implemented is declared: every
/// microversion up to the maximum (3.70, Cinder Zed's) is implemented, changes a feature BlockStore does not offer (its
/// routes stay 404, its actions a 400 or, for 3.40 revert, 3.42 in-use extend and 3.68 re-image, the 403 of a Cinder
/// whose policy denies them), or is built by the groups and transfers branches; docs/microversions.md has the table.
/// </summary>
public static class ApiVersions
{
    public const string HeaderName = "OpenStack-API-Version";
    public const string Minimum = "3.0";
    public const string Maximum = "3.70";

    private static readonly Version MinimumVersion = Version.Parse(Minimum);
    private static readonly Version MaximumVersion = Version.Parse(Maximum);

    /// <summary>The version a request asked for, "3.0" when it asked for none.</summary>
    /// <exception cref="BadRequestException">A malformed header.</exception>
    /// <exception cref="VersionNotAcceptableException">A version outside the supported range.</exception>
    public static string Negotiate(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return Minimum;
        }

        var parts = header.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !string.Equals(parts[0], "volume", StringComparison.OrdinalIgnoreCase))
        {
            return Minimum;
        }

        if (string.Equals(parts[1], "latest", StringComparison.OrdinalIgnoreCase))
        {
            return Maximum;
        }

        var numbers = parts[1].Split('.');
        if (numbers.Length != 2 ||
            !int.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major) ||
            !int.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            throw new BadRequestException($"API Version String {parts[1]} is of invalid format. Must be of format MajorNum.MinorNum.");
        }

        var requested = new Version(major, minor);
        if (requested < MinimumVersion || requested > MaximumVersion)
        {
            throw new VersionNotAcceptableException(
                $"Version {major}.{minor} is not supported by the API. Minimum is {Minimum} and maximum is {Maximum}.");
        }

        return $"{major}.{minor}";
    }
}
