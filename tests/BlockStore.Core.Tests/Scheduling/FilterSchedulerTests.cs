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

    [Fact]
    public void Place_NothingLargeEnough_SaysSizeAndLargestVirtualFreeSpace()
    {
        PoolStats[] pools = [Pool("h1@lvm", totalGib: 1000, freeGib: 120), Pool("h2@lvm", freeGib: 80), Pool("h3@lvm", freeGib: 5)];

        var result = scheduler.Place(pools, Request(500));

        Assert.Equal(
            "No valid backend was found. CapacityFilter rejected 3 pool(s): not enough free space for 500 GiB (largest virtual free space: 120 GiB).",
            result.FailureReason);
        Assert.Equal([new FilterRejection("CapacityFilter", 3, "not enough free space for 500 GiB (largest virtual free space: 120 GiB)")], result.Rejections);
    }

    [Fact]
    public void Place_SeveralFiltersReject_NamesEachWithItsCountInOrder()
    {
        PoolStats[] pools =
        [
            Pool("stale@lvm", reportedAt: Now.AddHours(-1)),
            Pool("far@lvm", availabilityZone: "az2"),
            Pool("small@lvm", freeGib: 5),
            Pool("small2@lvm", freeGib: 6),
        ];
        var request = Request(10, availabilityZone: "az1") with { ReportedAfter = Now.AddMinutes(-1) };

        var result = scheduler.Place(pools, request);

        Assert.Equal(["AvailabilityZoneFilter", "FreshReportFilter", "CapacityFilter"], result.Rejections.Select(r => r.FilterName));
        Assert.Equal([1, 1, 2], result.Rejections.Select(r => r.PoolCount));
        Assert.StartsWith(
            "No valid backend was found. AvailabilityZoneFilter rejected 1 pool(s): not in availability zone 'az1' (they are in 'az2'). FreshReportFilter rejected 1 pool(s):",
            result.FailureReason,
            StringComparison.Ordinal);
        Assert.EndsWith("CapacityFilter rejected 2 pool(s): not enough free space for 10 GiB (largest virtual free space: 6 GiB).", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_VolumeTypeWithBackendNameAndCapabilities_PlacesOnTheMatchingPool()
    {
        PoolStats[] pools =
        [
            Pool("h1@lvm", freeGib: 100, volumeBackendName: "lvm", capabilities: Caps(("storage_protocol", "iSCSI"))),
            Pool("h2@rbd", freeGib: 900, volumeBackendName: "rbd", capabilities: Caps(("storage_protocol", "ceph"))),
            Pool("h3@lvm", freeGib: 50, volumeBackendName: "lvm", capabilities: Caps(("storage_protocol", "FC"))),
        ];

        var result = scheduler.Place(pools, Request(10, ("volume_backend_name", "lvm"), ("capabilities:storage_protocol", "<in> FC")));

        Assert.Equal("h3@lvm", result.Pool?.BackendHost);
    }

    [Fact]
    public void Place_BackendNameNowhere_FailsNamingBackendNameFilter()
    {
        var result = scheduler.Place([Pool("h1@lvm", volumeBackendName: "lvm")], Request(1, ("volume_backend_name", "gold")));

        Assert.Contains("BackendNameFilter rejected 1 pool(s): volume_backend_name is not 'gold' (they report 'lvm').", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_SameHostHint_PlacesBesideTheNamedVolumeEvenWithLessSpace()
    {
        PoolStats[] pools = [Pool("h1@lvm", freeGib: 90), Pool("h2@lvm", freeGib: 20)];

        var result = scheduler.Place(pools, Request(10) with { SameHostAs = Set("h2@lvm#pool") });

        Assert.Equal("h2@lvm", result.Pool?.BackendHost);
    }

    [Theory]
    [InlineData(-2.0, "b@x")]
    [InlineData(-0.5, "a@x")]
    public void Place_TwoWeighers_AddsNormalisedWeightsTimesMultipliers(double volumeMultiplier, string expected)
    {
        // Normalised, a has capacity 1 and volume count 1; b has 0 and 0. a totals 1 + multiplier, b totals 0.
        PoolStats[] pools = [Pool("a@x", freeGib: 100, totalVolumes: 10), Pool("b@x", freeGib: 50, totalVolumes: 0)];
        var weighted = new FilterScheduler([], [new CapacityWeigher(), new VolumeNumberWeigher(volumeMultiplier)]);

        Assert.Equal(expected, weighted.Place(pools, Request()).Pool?.BackendHost);
    }

    [Fact]
    public void PlaceMany_ThreeVolumesBetweenReports_SpreadsOverThreePools()
    {
        PoolStats[] pools = [Pool("h1@lvm", freeGib: 100), Pool("h2@lvm", freeGib: 100), Pool("h3@lvm", freeGib: 100)];
        PlacementRequest[] requests = [Request(10), Request(10), Request(10)];

        var results = scheduler.PlaceMany(pools, requests);

        Assert.Equal(["h1@lvm", "h2@lvm", "h3@lvm"], results.Select(r => r.Pool?.BackendHost));
    }

    [Fact]
    public void Place_ThreeTimesWithoutConsumption_PilesOntoOnePool()
    {
        PoolStats[] pools = [Pool("h1@lvm", freeGib: 100), Pool("h2@lvm", freeGib: 100), Pool("h3@lvm", freeGib: 100)];

        var chosen = Enumerable.Range(0, 3).Select(_ => scheduler.Place(pools, Request(10)).Pool?.BackendHost).Distinct();

        Assert.Single(chosen);
    }

    [Fact]
    public void PlaceMany_SpaceRunsOut_LaterVolumeFailsNamingCapacityFilter()
    {
        PoolStats[] pools = [Pool("h1@lvm", totalGib: 25, freeGib: 25)];

        var results = scheduler.PlaceMany(pools, [Request(10), Request(10), Request(10)]);

        Assert.NotNull(results[1].Pool);
        Assert.Equal(15, results[1].Pool!.FreeCapacityGib);
        Assert.Null(results[2].Pool);
        Assert.Contains("CapacityFilter rejected 1 pool(s): not enough free space for 10 GiB (largest virtual free space: 5 GiB)", results[2].FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void PlaceMany_ThinPools_SpreadsByVirtualFreeSpace()
    {
        PoolStats[] pools =
        [
            Pool("h1@thin", totalGib: 100, freeGib: 100, provisionedGib: 0, thin: true, maxOverSubscriptionRatio: 2.0),
            Pool("h2@thin", totalGib: 100, freeGib: 100, provisionedGib: 50, thin: true, maxOverSubscriptionRatio: 2.0),
        ];

        var results = scheduler.PlaceMany(pools, [Request(40), Request(40), Request(40)]);

        // Virtual free 200 against 150: h1 (then 160), h1 again (160 > 150, then 120), then h2 (150 > 120).
        Assert.Equal(["h1@thin", "h1@thin", "h2@thin"], results.Select(r => r.Pool?.BackendHost));
    }

    private sealed class FixedWeigher(IReadOnlyDictionary<string, double> weightsByBackend) : IPoolWeigher
    {
        public double Multiplier => 1.0;

        public double Weigh(PoolStats pool, PlacementRequest request) => weightsByBackend[pool.BackendHost];
    }
}
