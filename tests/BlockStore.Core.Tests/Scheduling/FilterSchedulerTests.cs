using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class FilterSchedulerTests
{
    private readonly FilterScheduler scheduler = FilterScheduler.CreateDefault();

    [Fact]
    public void Place_SeveralPools_PicksTheOneWithMostFreeSpace()
    {
        PoolStats[] pools = [Pool("h1@lvm", freeGib: 40), Pool("h2@lvm", freeGib: 90), Pool("h3@lvm", freeGib: 60)];

        var result = scheduler.Place(pools, Request(10));

        Assert.Equal("h2@lvm#pool", result.Pool?.Name);
        Assert.Null(result.FailureReason);
    }

    [Fact]
    public void Place_ReservedPercentage_RanksByFreeSpaceAfterReserve()
    {
        // h1 reports more raw free space, but 10% of its 1000 GiB is held back: 150 - 100 = 50 < 80.
        PoolStats[] pools = [Pool("h1@lvm", totalGib: 1000, freeGib: 150, reservedPercentage: 10), Pool("h2@lvm", totalGib: 100, freeGib: 80)];

        var result = scheduler.Place(pools, Request(10));

        Assert.Equal("h2@lvm", result.Pool?.BackendHost);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Place_EqualWeights_PicksLowestNameWhateverTheInputOrder(int rotation)
    {
        PoolStats[] pools = [Pool("h-c@lvm", freeGib: 50), Pool("h-a@lvm", freeGib: 50), Pool("h-b@lvm", freeGib: 50)];
        var ordered = pools.Skip(rotation).Concat(pools.Take(rotation)).ToList();

        var result = scheduler.Place(ordered, Request(10));

        Assert.Equal("h-a@lvm#pool", result.Pool?.Name);
    }

    [Fact]
    public void Place_ZoneRequested_PlacesOnlyInThatZone()
    {
        PoolStats[] pools = [Pool("h1@lvm", freeGib: 900, availabilityZone: "az1"), Pool("h2@lvm", freeGib: 20, availabilityZone: "az2")];

        var result = scheduler.Place(pools, Request(10, availabilityZone: "az2"));

        Assert.Equal("h2@lvm", result.Pool?.BackendHost);
    }

    [Fact]
    public void Place_NoPoolInRequestedZone_FailsNamingAvailabilityZoneFilter()
    {
        PoolStats[] pools = [Pool("h1@lvm", availabilityZone: "az1")];

        var result = scheduler.Place(pools, Request(1, availabilityZone: "az9"));

        Assert.Null(result.Pool);
        Assert.StartsWith("No valid backend was found.", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("AvailabilityZoneFilter", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("az9", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_NoPoolLargeEnough_FailsNamingCapacityFilter()
    {
        PoolStats[] pools = [Pool("h1@lvm", freeGib: 5), Pool("h2@lvm", freeGib: 8)];

        var result = scheduler.Place(pools, Request(10));

        Assert.Null(result.Pool);
        Assert.StartsWith("No valid backend was found.", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("CapacityFilter", result.FailureReason, StringComparison.Ordinal);
        Assert.DoesNotContain("AvailabilityZoneFilter", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_NoPools_FailsWithNoValidBackend()
    {
        var result = scheduler.Place([], Request(1));

        Assert.Null(result.Pool);
        Assert.StartsWith("No valid backend was found.", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_StaleReportWithMoreSpace_IsNotUsed()
    {
        PoolStats[] pools = [Pool("stale@lvm", freeGib: 900, reportedAt: Now.AddMinutes(-10)), Pool("fresh@lvm", freeGib: 20, reportedAt: Now)];
        var request = Request(10) with { ReportedAfter = Now.AddMinutes(-1) };

        var result = scheduler.Place(pools, request);

        Assert.Equal("fresh@lvm", result.Pool?.BackendHost);
    }

    [Fact]
    public void Place_AllReportsStale_FailsNamingFreshReportFilter()
    {
        PoolStats[] pools = [Pool("stale@lvm", reportedAt: Now.AddMinutes(-10))];
        var request = Request(1) with { ReportedAfter = Now.AddMinutes(-1) };

        var result = scheduler.Place(pools, request);

        Assert.Null(result.Pool);
        Assert.Contains("FreshReportFilter", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_BackendAlreadyTried_RescheduleGoesElsewhere()
    {
        PoolStats[] pools = [Pool("h1@lvm", freeGib: 900), Pool("h2@lvm", freeGib: 20)];
        var request = Request(10) with { ExcludedBackends = new HashSet<string> { "h1@lvm" } };

        var result = scheduler.Place(pools, request);

        Assert.Equal("h2@lvm", result.Pool?.BackendHost);
    }

    [Fact]
    public void Place_OnlyBackendAlreadyTried_FailsNamingRetryFilter()
    {
        PoolStats[] pools = [Pool("h1@lvm")];
        var request = Request(1) with { ExcludedBackends = new HashSet<string> { "h1@lvm" } };

        var result = scheduler.Place(pools, request);

        Assert.Null(result.Pool);
        Assert.Contains("RetryFilter", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_UnknownCapacityPool_IsStillACandidate()
    {
        PoolStats[] pools = [Pool("unknown@rbd", totalGib: null, freeGib: null)];

        var result = scheduler.Place(pools, Request(500));

        Assert.Equal("unknown@rbd", result.Pool?.BackendHost);
    }

    [Fact]
    public void Place_InfiniteWeightAmongFiniteOnes_RanksFirst()
    {
        PoolStats[] pools = [Pool("a@x"), Pool("b@x"), Pool("c@x")];
        var weigher = new FixedWeigher(new Dictionary<string, double>
        {
            ["a@x"] = 10,
            ["b@x"] = double.PositiveInfinity,
            ["c@x"] = 1000,
        });

        var result = new FilterScheduler([], [weigher]).Place(pools, Request());

        Assert.Equal("b@x", result.Pool?.BackendHost);
    }

    [Fact]
    public void Place_InfiniteWeightWithSecondWeigher_CountsAsTopWeightNotUnbounded()
    {
        // Normalised, b's infinite first weight is 1 (not infinity), so c's lead in the second weigher decides.
        PoolStats[] pools = [Pool("a@x"), Pool("b@x"), Pool("c@x")];
        var first = new FixedWeigher(new Dictionary<string, double> { ["a@x"] = 0, ["b@x"] = double.PositiveInfinity, ["c@x"] = 100 });
        var second = new FixedWeigher(new Dictionary<string, double> { ["a@x"] = 0, ["b@x"] = 0, ["c@x"] = 100 });

        var result = new FilterScheduler([], [first, second]).Place(pools, Request());

        Assert.Equal("c@x", result.Pool?.BackendHost);
    }

    [Fact]
    public void Place_AllWeightsInfinite_FallsBackToLowestName()
    {
        PoolStats[] pools = [Pool("b@x"), Pool("a@x")];
        var weigher = new FixedWeigher(new Dictionary<string, double> { ["a@x"] = double.PositiveInfinity, ["b@x"] = double.PositiveInfinity });

        var result = new FilterScheduler([], [weigher]).Place(pools, Request());

        Assert.Equal("a@x", result.Pool?.BackendHost);
    }

    [Fact]
    public void Place_NegativeMultiplier_StacksOnTheFullestPool()
    {
        PoolStats[] pools = [Pool("h1@lvm", freeGib: 40), Pool("h2@lvm", freeGib: 90)];
        var stacking = new FilterScheduler([new CapacityFilter()], [new CapacityWeigher(multiplier: -1.0)]);

        var result = stacking.Place(pools, Request(10));

        Assert.Equal("h1@lvm", result.Pool?.BackendHost);
    }

    private sealed class FixedWeigher(IReadOnlyDictionary<string, double> weightsByBackend) : IPoolWeigher
    {
        public double Multiplier => 1.0;

        public double Weigh(PoolStats pool, PlacementRequest request) => weightsByBackend[pool.BackendHost];
    }
}
