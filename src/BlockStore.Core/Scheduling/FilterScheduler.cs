namespace BlockStore.Core.Scheduling;

/// <summary>
/// Cinder's filter scheduler: every filter in turn narrows the pools, then the weighers rank what is
/// left (each weight normalised to 0–1 across the candidates, then multiplied). Pure: same input, same answer.
/// </summary>
public sealed class FilterScheduler(IReadOnlyList<IPoolFilter> filters, IReadOnlyList<IPoolWeigher> weighers)
{
    public static FilterScheduler CreateDefault() => new(
        [new FreshReportFilter(), new ExcludedBackendFilter(), new AvailabilityZoneFilter(), new CapacityFilter()],
        [new CapacityWeigher()]);

    public PlacementResult Place(IReadOnlyCollection<PoolStats> pools, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(request);

        if (pools.Count == 0)
        {
            return PlacementResult.NoValidBackend("No valid backend was found. No backend has reported its capacity.");
        }

        List<PoolStats> candidates = [.. pools];
        foreach (var filter in filters)
        {
            var passed = candidates.Where(pool => filter.Passes(pool, request)).ToList();
            if (passed.Count == 0)
            {
                return PlacementResult.NoValidBackend(
                    $"No valid backend was found. {filter.Name} rejected all {candidates.Count} remaining pool(s) for a {request.SizeGib} GiB volume" +
                    (request.AvailabilityZone is null ? "." : $" in availability zone '{request.AvailabilityZone}'."));
            }

            candidates = passed;
        }

        var totals = new double[candidates.Count];
        foreach (var weigher in weighers)
        {
            var normalised = Normalise(candidates.Select(pool => weigher.Weigh(pool, request)).ToArray());
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] += weigher.Multiplier * normalised[i];
            }
        }

        var best = 0;
        for (var i = 1; i < candidates.Count; i++)
        {
            // Ties go to the lower pool name so that placement is deterministic.
            if (totals[i] > totals[best] || (totals[i] == totals[best] && string.CompareOrdinal(candidates[i].Name, candidates[best].Name) < 0))
            {
                best = i;
            }
        }

        return PlacementResult.Placed(candidates[best]);
    }

    /// <summary>
    /// Scales weights to 0–1; +infinity counts as one more than the largest finite weight and −infinity as one
    /// less than the smallest, as Cinder does.
    /// </summary>
    internal static double[] Normalise(double[] weights)
    {
        var finite = weights.Where(double.IsFinite).ToArray();
        var maxFinite = finite.Length > 0 ? finite.Max() : 0;
        var minFinite = finite.Length > 0 ? finite.Min() : 0;
        var values = weights
            .Select(w => double.IsPositiveInfinity(w) ? maxFinite + 1 : double.IsNegativeInfinity(w) ? minFinite - 1 : w)
            .ToArray();
        var min = values.Min();
        var max = values.Max();
        return max == min ? new double[values.Length] : values.Select(v => (v - min) / (max - min)).ToArray();
    }
}
