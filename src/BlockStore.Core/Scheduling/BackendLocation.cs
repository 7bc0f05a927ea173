using System.Collections.Frozen;

namespace BlockStore.Core.Scheduling;

/// <summary>
/// Cinder's host levels (<c>cinder/db/sqlalchemy/api.py</c> <c>_filter_host</c>): a location written
/// <c>host@backend#pool</c> is one pool, <c>host@backend</c> every pool of that backend, and a bare <c>host</c> every
/// backend on that host. Exact, case-sensitive names, as Cinder compares them.
/// </summary>
public static class BackendLocation
{
    private const int SmallSet = 8;

    /// <summary>Whether <paramref name="pool"/> lies at or under <paramref name="location"/>.</summary>
    public static bool Contains(string location, PoolStats pool)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(pool);
        if (location.Contains('#', StringComparison.Ordinal))
        {
            return string.Equals(location, pool.Name, StringComparison.Ordinal);
        }

        if (location.Contains('@', StringComparison.Ordinal))
        {
            return string.Equals(location, pool.BackendHost, StringComparison.Ordinal);
        }

        var backend = pool.BackendHost.AsSpan();
        var at = backend.IndexOf('@');
        return (at < 0 ? backend : backend[..at]).Equals(location, StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="pool"/> lies at or under any of <paramref name="locations"/>.</summary>
    public static bool ContainsAny(IReadOnlySet<string> locations, PoolStats pool)
    {
        ArgumentNullException.ThrowIfNull(locations);
        if (locations.Count == 0)
        {
            return false;
        }

        // A large set (many backends tried or named) is asked by look-up for the pool and its backend first; only
        // bare hosts then need a scan. A small one is cheaper to scan than to hash the pool's names against.
        if (locations.Count > SmallSet && (locations.Contains(pool.BackendHost) || locations.Contains(pool.Name)))
        {
            return true;
        }

        // Through the concrete sets' struct enumerators: the interface's would allocate once per pool.
        return locations switch
        {
            HashSet<string> hashSet => AnyHostOf(hashSet, pool),
            FrozenSet<string> frozenSet => AnyHostOf(frozenSet, pool),
            _ => AnyHostOf(locations, pool),
        };
    }

    private static bool AnyHostOf(HashSet<string> locations, PoolStats pool)
    {
        foreach (var location in locations)
        {
            if (Contains(location, pool))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyHostOf(FrozenSet<string> locations, PoolStats pool)
    {
        foreach (var location in locations)
        {
            if (Contains(location, pool))
            {
                return true;
            }
        }

        return false;
    }

    private static bool AnyHostOf(IEnumerable<string> locations, PoolStats pool)
    {
        foreach (var location in locations)
        {
            if (Contains(location, pool))
            {
                return true;
            }
        }

        return false;
    }
}
