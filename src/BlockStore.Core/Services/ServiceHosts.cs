namespace BlockStore.Core.Services;

/// <summary>
/// Cinder's host filter on a host column (<c>_filter_host</c>): a value with <c>#</c> names one pool (exact), with
/// <c>@</c> one backend (itself or its pools), else a host (itself, its backends and pools). Case-sensitive.
/// </summary>
public static class ServiceHosts
{
    public static bool Matches(string candidate, string value)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(value);
        if (string.Equals(candidate, value, StringComparison.Ordinal))
        {
            return true;
        }

        if (value.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        return candidate.StartsWith(value + "#", StringComparison.Ordinal)
            || (!value.Contains('@', StringComparison.Ordinal) && candidate.StartsWith(value + "@", StringComparison.Ordinal));
    }
}
