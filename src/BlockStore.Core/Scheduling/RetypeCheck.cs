namespace BlockStore.Core.Scheduling;

/// <summary>
/// Whether a volume can take a new type where it is (Cinder's retype without migration): the scheduler's filters
/// that judge a type against a pool (backend name, capabilities) run on the volume's own pool. Zone, capacity and
/// freshness are not asked again: the volume is already there and takes no more space.
/// </summary>
public static class RetypeCheck
{
    private static readonly IPoolFilter[] Filters = [new BackendNameFilter(), new CapabilitiesFilter()];

    /// <summary>
    /// Null when the pool meets <paramref name="extraSpecs"/>, otherwise why not, in the filters' words. A type
    /// that asks nothing of a backend fits anywhere, even a pool that has stopped reporting (<paramref name="pool"/> null).
    /// </summary>
    public static string? Unmet(PoolStats? pool, IReadOnlyDictionary<string, string> extraSpecs)
    {
        ArgumentNullException.ThrowIfNull(extraSpecs);
        var request = new PlacementRequest { SizeGib = 0, ExtraSpecs = extraSpecs };
        if (request.Specs.BackendName is null && request.Specs.Capabilities.Length == 0)
        {
            return null;
        }

        if (pool is null)
        {
            return "the volume's pool has not reported its capabilities";
        }

        foreach (var filter in Filters)
        {
            if (!filter.Passes(pool, request))
            {
                return new FilterRejection(filter.Name, 1, filter.DescribeRejection([pool], request)).ToString();
            }
        }

        return null;
    }
}
