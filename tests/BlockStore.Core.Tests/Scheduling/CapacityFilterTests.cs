using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class CapacityFilterTests
{
    private readonly CapacityFilter filter = new();

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Passes_NoReservedPercentage_ComparesFreeSpaceWithSize(int sizeGib, bool expected)
    {
        var pool = Pool("host@lvm", totalGib: 100, freeGib: 10);

        Assert.Equal(expected, filter.Passes(pool, Request(sizeGib)));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Passes_ReservedPercentage_KeepsThatShareOfTotalBack(int sizeGib, bool expected)
    {
        // 10% of 100 GiB is held back, so of 15 GiB free only 5 GiB can be placed.
        var pool = Pool("host@lvm", totalGib: 100, freeGib: 15, reservedPercentage: 10);

        Assert.Equal(expected, filter.Passes(pool, Request(sizeGib)));
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void Passes_FractionalFreeSpace_RoundsDown(int sizeGib, bool expected)
    {
        var pool = Pool("host@lvm", totalGib: 100, freeGib: 10.9);

        Assert.Equal(expected, filter.Passes(pool, Request(sizeGib)));
    }

    [Fact]
    public void Passes_FreeSpaceEntirelyReserved_RefusesEvenOneGigabyte()
    {
        var pool = Pool("host@lvm", totalGib: 100, freeGib: 20, reservedPercentage: 20);

        Assert.False(filter.Passes(pool, Request(1)));
    }

    [Fact]
    public void Passes_UnknownFreeCapacity_Passes()
    {
        var pool = Pool("host@rbd", totalGib: null, freeGib: null);

        Assert.True(filter.Passes(pool, Request(10_000)));
    }

    [Fact]
    public void Passes_InfiniteFreeCapacity_Passes()
    {
        var pool = Pool("host@rbd", totalGib: double.PositiveInfinity, freeGib: double.PositiveInfinity);

        Assert.True(filter.Passes(pool, Request(int.MaxValue)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(double.PositiveInfinity)]
    public void Passes_UnknownOrInfiniteTotalWithoutReserve_Passes(double? totalGib)
    {
        var pool = Pool("host@rbd", totalGib: totalGib, freeGib: 1);

        Assert.True(filter.Passes(pool, Request(1)));
    }

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(20.0, true)]
    public void Passes_ThinPool_OverSubscriptionRatioDecides(double ratio, bool expected)
    {
        // 90 GiB already promised on 100 GiB: at 1.0 only 10 GiB is left; at 20.0, 2000 - 90 = 1910 GiB.
        var pool = Pool("host@thin", totalGib: 100, freeGib: 95, provisionedGib: 90, thin: true, maxOverSubscriptionRatio: ratio);

        Assert.Equal(expected, filter.Passes(pool, Request(50)));
    }

    [Theory]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void Passes_ThinPool_ProvisionedPlusSizeUpToTotalTimesRatio(int sizeGib, bool expected)
    {
        var pool = Pool("host@thin", totalGib: 100, freeGib: 90, provisionedGib: 150, thin: true, maxOverSubscriptionRatio: 2.0);

        Assert.Equal(expected, filter.Passes(pool, Request(sizeGib)));
    }

    [Fact]
    public void Passes_ThinPoolProvisionedBeyondTotalTimesRatio_IsRejected()
    {
        var pool = Pool("host@thin", totalGib: 100, freeGib: 90, provisionedGib: 250, thin: true, maxOverSubscriptionRatio: 2.0);

        Assert.False(filter.Passes(pool, Request(1)));
    }

    [Fact]
    public void Passes_ThinPoolWithoutProvisionedFigure_CountsAllocatedAsProvisioned()
    {
        var pool = Pool("host@thin", totalGib: 100, freeGib: 100, allocatedGib: 190, thin: true, maxOverSubscriptionRatio: 2.0);

        Assert.True(filter.Passes(pool, Request(10)));
        Assert.False(filter.Passes(pool, Request(11)));
    }

    [Theory]
    [InlineData(180, true)]
    [InlineData(181, false)]
    public void Passes_ThinPoolWithReserve_OverSubscribesOnlyTheUnreservedTotal(int sizeGib, bool expected)
    {
        // (100 - 10% reserved) x 2.0 = 180 GiB may be promised.
        var pool = Pool("host@thin", totalGib: 100, freeGib: 100, reservedPercentage: 10, thin: true, maxOverSubscriptionRatio: 2.0);

        Assert.Equal(expected, filter.Passes(pool, Request(sizeGib)));
    }

    [Fact]
    public void Passes_ThickVolumeOnThinPool_NeedsRealFreeSpace()
    {
        var pool = Pool("host@thin", totalGib: 100, freeGib: 10, provisionedGib: 50, thin: true, maxOverSubscriptionRatio: 20.0);

        Assert.True(filter.Passes(pool, Request(20)));
        Assert.False(filter.Passes(pool, Request(20, ("provisioning:type", "thick"))));
    }

    [Fact]
    public void Passes_ThinVolumeOnThickPool_IgnoresTheRatio()
    {
        var pool = Pool("host@thick", totalGib: 100, freeGib: 10, thin: false, maxOverSubscriptionRatio: 20.0);

        Assert.False(filter.Passes(pool, Request(20, ("provisioning:type", "thin"))));
    }

    [Fact]
    public void Passes_ThickPoolAllocatedNearTotal_UsesTheSmallerOfFreeAndUnprovisioned()
    {
        // Cinder's calculated free space: 100 - 95 allocated leaves 5 GiB, whatever the pool says is free.
        var pool = Pool("host@thick", totalGib: 100, freeGib: 80, allocatedGib: 95);

        Assert.True(filter.Passes(pool, Request(5)));
        Assert.False(filter.Passes(pool, Request(6)));
    }

    [Fact]
    public void Passes_ThinPoolWithRatioBelowOne_RejectsThinButNotThickVolumes()
    {
        var pool = Pool("host@thin", totalGib: 1000, freeGib: 1000, thin: true, maxOverSubscriptionRatio: 0.5);

        Assert.False(filter.Passes(pool, Request(1)));
        Assert.True(filter.Passes(pool, Request(1, ("provisioning:type", "thick"))));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    public void Passes_TotalCapacityZeroOrLess_IsRejected(double totalGib)
    {
        var pool = Pool("host@lvm", totalGib: totalGib, freeGib: 10);

        Assert.False(filter.Passes(pool, Request(1)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(double.PositiveInfinity)]
    public void Passes_UnknownOrInfiniteTotalWithReserve_IsRejected(double? totalGib)
    {
        // A share of an unknown total cannot be kept back, so Cinder refuses the pool.
        var pool = Pool("host@rbd", totalGib: totalGib, freeGib: 1, reservedPercentage: 5);

        Assert.False(filter.Passes(pool, Request(1)));
    }

    [Fact]
    public void Passes_ZeroSize_PassesAFullPoolAsCindersManageRequest()
    {
        var pool = Pool("host@lvm", totalGib: 100, freeGib: 0);

        Assert.True(filter.Passes(pool, Request(0)));
    }

    [Fact]
    public void DescribeRejection_NotEnoughSpace_SaysSizeAndLargestVirtualFreeSpace()
    {
        PoolStats[] pools = [Pool("a@lvm", totalGib: 1000, freeGib: 120), Pool("b@lvm", freeGib: 40), Pool("c@thin", freeGib: 1, provisionedGib: 90, thin: true)];

        var reason = filter.DescribeRejection(pools, Request(500));

        Assert.Equal("not enough free space for 500 GiB (largest virtual free space: 120 GiB)", reason);
    }

    [Fact]
    public void DescribeRejection_SeveralCauses_CountsEach()
    {
        PoolStats[] pools = [Pool("a@lvm", freeGib: 10), Pool("b@lvm", totalGib: 0, freeGib: 0), Pool("c@lvm", totalGib: 0, freeGib: 0)];

        var reason = filter.DescribeRejection(pools, Request(500));

        Assert.Contains("not enough free space for 500 GiB (largest virtual free space: 10 GiB) (1)", reason, StringComparison.Ordinal);
        Assert.Contains("the backend reports no total capacity (2)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_IsCindersFilterName()
    {
        Assert.Equal("CapacityFilter", filter.Name);
    }
}
