using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class VirtualCapacityTests
{
    [Fact]
    public void FreeGib_ThinPoolAndThinVolume_IsUsableTotalTimesRatioLessProvisioned()
    {
        var pool = Pool("h@b", totalGib: 1000, freeGib: 900, reservedPercentage: 5, provisionedGib: 3000, thin: true, maxOverSubscriptionRatio: 20.0);

        Assert.Equal((1000 - 50) * 20.0 - 3000, VirtualCapacity.FreeGib(pool, thin: true));
    }

    [Fact]
    public void FreeGib_ThinPoolAndThickVolume_IsFreeLessReserve()
    {
        var pool = Pool("h@b", totalGib: 1000, freeGib: 900, reservedPercentage: 5, provisionedGib: 100, thin: true, maxOverSubscriptionRatio: 20.0);

        Assert.Equal(850, VirtualCapacity.FreeGib(pool, thin: false));
    }

    [Fact]
    public void ReservedGib_FractionalShare_RoundsDownAsCinder()
    {
        Assert.Equal(10, VirtualCapacity.ReservedGib(109, 10));
    }

    [Theory]
    [InlineData(null, 10.0)]
    [InlineData(10.0, null)]
    [InlineData(double.PositiveInfinity, 10.0)]
    [InlineData(10.0, double.PositiveInfinity)]
    public void FreeGib_UnknownOrInfiniteCapacity_IsNull(double? totalGib, double? freeGib)
    {
        Assert.Null(VirtualCapacity.FreeGib(Pool("h@b", totalGib: totalGib, freeGib: freeGib), thin: true));
    }
}
