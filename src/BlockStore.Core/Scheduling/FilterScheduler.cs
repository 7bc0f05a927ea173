using System.Buffers;

namespace BlockStore.Core.Scheduling;

/// <summary>
/// Cinder's filter scheduler: every filter in turn narrows the pools, then the weighers rank what is
/// left (each weight normalised to 0–1 across the candidates, then multiplied). Pure: same input, same answer.
/// </summary>
/// <remarks>
/// A placement makes one pass over the pools with no allocation beyond the result, so that 10,000 pools cost
/// little; when nothing passes, a second pass works out which filter turned away which pools and why.
/// </remarks>
public sealed class FilterScheduler
{
    private readonly IPoolFilter[] filters;
    private readonly IPoolWeigher[] weighers;

    public FilterScheduler(IReadOnlyList<IPoolFilter> filters, IReadOnlyList<IPoolWeigher> weighers)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(weighers);
        this.filters = [.. filters];
        this.weighers = [.. weighers];
    }

    /// <summary>
    /// Cinder's default filters (availability zone, capacity, capabilities) with BlockStore's typed additions:
    /// stale reports, the retry exclusion, the backend name and the same/different backend hints. The zone comes
    /// first, as in Cinder: it is the cheapest and turns most pools away. Capacity comes last, so that "not enough
    /// space" is said only of pools that would otherwise have done.
    /// </summary>
    public static IReadOnlyList<IPoolFilter> DefaultFilters() =>
    [
        new AvailabilityZoneFilter(),
        new FreshReportFilter(),
        new ExcludedBackendFilter(),
        new BackendNameFilter(),
        new SameBackendFilter(),
        new DifferentBackendFilter(),
        new CapabilitiesFilter(),
        new CapacityFilter(),
    ];

    /// <summary>Cinder's default weigher: capacity alone, spreading.</summary>
    public static IReadOnlyList<IPoolWeigher> DefaultWeighers() => [new CapacityWeigher()];

    public static FilterScheduler CreateDefault() => new(DefaultFilters(), DefaultWeighers());

    public PlacementResult Place(IReadOnlyCollection<PoolStats> pools, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(request);
        var list = pools as IReadOnlyList<PoolStats> ?? [.. pools];
        var index = Choose(list, request);
        return index >= 0 ? PlacementResult.Placed(list[index]) : Explain(list, request);
    }

    /// <summary>
    /// Places several volumes one after another on the same reports, each placement consuming its pool's space
    /// (<see cref="PoolStats.ConsumeFor"/>) before the next is placed, so that they spread as Cinder's do between
    /// two capacity reports. Each result names the pool as it stood when chosen.
    /// </summary>
    public IReadOnlyList<PlacementResult> PlaceMany(IReadOnlyCollection<PoolStats> pools, IReadOnlyList<PlacementRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(requests);
        PoolStats[] ledger = [.. pools];
        var results = new PlacementResult[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i] ?? throw new ArgumentException("A request is null.", nameof(requests));
            var index = Choose(ledger, request);
            if (index < 0)
            {
                results[i] = Explain(ledger, request);
                continue;
            }

            results[i] = PlacementResult.Placed(ledger[index]);
            ledger[index] = ledger[index].ConsumeFor(request);
        }

        return results;
    }

    /// <summary>
    /// Scales weights to 0–1; +infinity counts as one more than the largest finite weight and −infinity as one
    /// less than the smallest, as Cinder does.
    /// </summary>
    internal static double[] Normalise(double[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var values = (double[])weights.Clone();
        NormaliseInPlace(values);
        return values;
    }

    private static void NormaliseInPlace(Span<double> values)
    {
        var minFinite = double.PositiveInfinity;
        var maxFinite = double.NegativeInfinity;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                minFinite = Math.Min(minFinite, value);
                maxFinite = Math.Max(maxFinite, value);
            }
        }

        if (double.IsPositiveInfinity(minFinite))
        {
            minFinite = maxFinite = 0;
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            value = double.IsPositiveInfinity(value) ? maxFinite + 1 : double.IsNegativeInfinity(value) ? minFinite - 1 : value;
            values[i] = value;
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        if (max == min)
        {
            values.Clear();
            return;
        }

        var range = max - min;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (values[i] - min) / range;
        }
    }

    /// <summary>The index of the winning pool, or −1 when no pool passes every filter.</summary>
    private int Choose(IReadOnlyList<PoolStats> pools, PlacementRequest request)
    {
        var count = pools.Count;
        if (count == 0)
        {
            return -1;
        }

        var candidates = ArrayPool<int>.Shared.Rent(count);
        var passed = 0;
        try
        {
            for (var i = 0; i < count; i++)
            {
                if (PassesAll(pools[i], request))
                {
                    candidates[passed++] = i;
                }
            }

            return passed switch
            {
                0 => -1,
                1 => candidates[0],
                _ => Weigh(pools, candidates.AsSpan(0, passed), request),
            };
        }
        finally
        {
            ArrayPool<int>.Shared.Return(candidates);
        }
    }

    private bool PassesAll(PoolStats pool, PlacementRequest request)
    {
        foreach (var filter in filters)
        {
            if (!filter.Passes(pool, request))
            {
                return false;
            }
        }

        return true;
    }

    private int Weigh(IReadOnlyList<PoolStats> pools, ReadOnlySpan<int> candidates, PlacementRequest request)
    {
        var n = candidates.Length;
        var totalsArray = ArrayPool<double>.Shared.Rent(n);
        var weightsArray = ArrayPool<double>.Shared.Rent(n);
        try
        {
            var totals = totalsArray.AsSpan(0, n);
            var weights = weightsArray.AsSpan(0, n);
            totals.Clear();
            foreach (var weigher in weighers)
            {
                for (var j = 0; j < n; j++)
                {
                    weights[j] = weigher.Weigh(pools[candidates[j]], request);
                }

                NormaliseInPlace(weights);
                var multiplier = weigher.Multiplier;
                for (var j = 0; j < n; j++)
                {
                    totals[j] += multiplier * weights[j];
                }
            }

            var best = 0;
            for (var j = 1; j < n; j++)
            {
                // Ties go to the lower pool name so that placement is deterministic.
                if (totals[j] > totals[best] ||
                    (totals[j] == totals[best] && string.CompareOrdinal(pools[candidates[j]].Name, pools[candidates[best]].Name) < 0))
                {
                    best = j;
                }
            }

            return candidates[best];
        }
        finally
        {
            ArrayPool<double>.Shared.Return(totalsArray);
            ArrayPool<double>.Shared.Return(weightsArray);
        }
    }

    /// <summary>Why nothing passed: each filter that turned pools away, in order, with how many and why.</summary>
    private PlacementResult Explain(IReadOnlyList<PoolStats> pools, PlacementRequest request)
    {
        if (pools.Count == 0)
        {
            return PlacementResult.NoValidBackend($"{PlacementResult.NoValidBackendPrefix} No backend has reported its capacity.");
        }

        var rejectedBy = new List<PoolStats>?[filters.Length];
        foreach (var pool in pools)
        {
            for (var f = 0; f < filters.Length; f++)
            {
                if (!filters[f].Passes(pool, request))
                {
                    (rejectedBy[f] ??= []).Add(pool);
                    break;
                }
            }
        }

        var rejections = new List<FilterRejection>();
        for (var f = 0; f < filters.Length; f++)
        {
            if (rejectedBy[f] is { } rejected)
            {
                rejections.Add(new FilterRejection(filters[f].Name, rejected.Count, filters[f].DescribeRejection(rejected, request)));
            }
        }

        return PlacementResult.NoValidBackend(rejections);
    }
}
