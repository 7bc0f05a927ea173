using System.Globalization;

namespace BlockStore.Core.Scheduling;

/// <summary>
/// Passes pools with room for the volume, as Cinder's CapacityFilter: a thin volume on a thin pool is checked
/// against over-subscribed space (usable total × <see cref="PoolStats.MaxOverSubscriptionRatio"/> − provisioned),
/// anything else against free space after the reserved percentage. Unknown or infinite free space passes (the retry
/// catches a backend that was wrong); an unknown or infinite total passes only without a reserve, since a share of
/// it cannot be computed; a total of zero or less never passes; nor does a thin pool with a ratio below 1.
/// </summary>
public sealed class CapacityFilter : IPoolFilter
{
    public string Name => "CapacityFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) => Evaluate(pool, request) == CapacityVerdict.Passes;

    public string DescribeRejection(IReadOnlyList<PoolStats> rejected, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        ArgumentNullException.ThrowIfNull(request);
        var parts = new List<string>();
        var counts = new Dictionary<CapacityVerdict, int>();
        var largestFree = double.NegativeInfinity;
        foreach (var pool in rejected)
        {
            var verdict = Evaluate(pool, request);
            counts[verdict] = counts.GetValueOrDefault(verdict) + 1;
            if (verdict == CapacityVerdict.NotEnoughSpace &&
                VirtualCapacity.FreeGib(pool, VirtualCapacity.CountsAsThin(pool, request)) is { } free)
            {
                largestFree = Math.Max(largestFree, free);
            }
        }

        var kinds = counts.Count;
        foreach (var (verdict, count) in counts.OrderBy(pair => pair.Key))
        {
            var text = verdict switch
            {
                CapacityVerdict.NotEnoughSpace => string.Create(
                    CultureInfo.InvariantCulture,
                    $"not enough free space for {request.SizeGib} GiB (largest virtual free space: {Math.Max(0, Math.Floor(largestFree))} GiB)"),
                CapacityVerdict.NoTotalCapacity => "the backend reports no total capacity",
                CapacityVerdict.ReserveOfUnknownTotal => "a reserved percentage is set but the total capacity is unknown",
                CapacityVerdict.InvalidOverSubscriptionRatio => "thin pool with a max_over_subscription_ratio below 1.0",
                _ => "no room",
            };
            parts.Add(kinds == 1 ? text : string.Create(CultureInfo.InvariantCulture, $"{text} ({count})"));
        }

        return string.Join("; ", parts);
    }

    internal static CapacityVerdict Evaluate(PoolStats pool, PlacementRequest request)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(request);

        // Cinder reads a size of 0 as a manage request: nothing new is allocated.
        if (request.SizeGib == 0)
        {
            return CapacityVerdict.Passes;
        }

        if (pool.FreeCapacityGib is not { } free || double.IsPositiveInfinity(free))
        {
            return CapacityVerdict.Passes;
        }

        if (pool.TotalCapacityGib is not { } total || double.IsPositiveInfinity(total))
        {
            return pool.ReservedPercentage == 0 ? CapacityVerdict.Passes : CapacityVerdict.ReserveOfUnknownTotal;
        }

        if (total <= 0)
        {
            return CapacityVerdict.NoTotalCapacity;
        }

        var thin = VirtualCapacity.CountsAsThin(pool, request);
        if (thin && pool.MaxOverSubscriptionRatio < 1)
        {
            return CapacityVerdict.InvalidOverSubscriptionRatio;
        }

        // For a thin volume this is also Cinder's over-subscription check: provisioned + size may not exceed the
        // usable total times the ratio.
        var virtualFree = VirtualCapacity.FreeGib(pool, thin)!.Value;
        return virtualFree >= request.SizeGib ? CapacityVerdict.Passes : CapacityVerdict.NotEnoughSpace;
    }
}
