using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class PoolStatsTests
{
    [Fact]
    public void ConsumeFor_KnownCapacity_MovesFreeAllocatedProvisionedAndCount()
    {
        var pool = Pool("h@b", totalGib: 100, freeGib: 80, allocatedGib: 20, provisionedGib: 30, totalVolumes: 2);

        var after = pool.ConsumeFor(Request(10));

        Assert.Equal(70, after.FreeCapacityGib);
        Assert.Equal(30, after.AllocatedCapacityGib);
        Assert.Equal(40, after.ProvisionedCapacityGib);
        Assert.Equal(3, after.TotalVolumes);
        Assert.Equal(100, after.TotalCapacityGib);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(double.PositiveInfinity)]
    public void ConsumeFor_UnknownOrInfiniteFreeSpace_LeavesItAsItIs(double? freeGib)
    {
        var after = Pool("h@rbd", totalGib: null, freeGib: freeGib).ConsumeFor(Request(10));

        Assert.Equal(freeGib, after.FreeCapacityGib);
        Assert.Equal(10, after.AllocatedCapacityGib);
    }

    [Fact]
    public void ConsumeFor_NoProvisionedFigure_KeepsFollowingAllocated()
    {
        var after = Pool("h@b", allocatedGib: 5).ConsumeFor(Request(10));

        Assert.Null(after.ProvisionedCapacityGib);
        Assert.Equal(15, VirtualCapacity.ProvisionedGib(after));
    }

    [Fact]
    public void ConsumeFor_Always_KeepsTheReportTimeSoAStalePoolStaysStale()
    {
        var pool = Pool("h@b", reportedAt: Now.AddHours(-1));

        Assert.Equal(Now.AddHours(-1), pool.ConsumeFor(Request(1)).ReportedAt);
    }
}
