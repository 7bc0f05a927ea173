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

    [Fact]
    public void Name_IsCindersFilterName()
    {
        Assert.Equal("CapacityFilter", filter.Name);
    }
}
