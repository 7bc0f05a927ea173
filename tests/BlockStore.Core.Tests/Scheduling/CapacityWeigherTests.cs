using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class CapacityWeigherTests
{
    [Fact]
    public void Weigh_ReservedPercentage_IsFreeSpaceAfterReserve()
    {
        var pool = Pool("h@b", totalGib: 1000, freeGib: 100, reservedPercentage: 5);

        Assert.Equal(50, new CapacityWeigher().Weigh(pool, Request()));
    }

    [Fact]
    public void Multiplier_Default_IsOneSoVolumesSpread()
    {
        Assert.Equal(1.0, new CapacityWeigher().Multiplier);
    }

    [Fact]
    public void Place_UnknownCapacityBesideKnownFreeSpace_PrefersTheKnownPool()
    {
        // Cinder ranks unknown capacity last under a positive multiplier: a silent backend must not attract every volume.
        var unknown = Pool("a@unknown", totalGib: null, freeGib: null);
        var known = Pool("b@known", totalGib: 10000, freeGib: 9000);

        var result = new FilterScheduler([], [new CapacityWeigher()]).Place([unknown, known], Request());

        Assert.Equal("b@known", result.Pool!.BackendHost);
    }

    [Fact]
    public void Weigh_InfiniteCapacityWithNegativeMultiplier_WeighsMost()
    {
        var pool = Pool("h@b", totalGib: double.PositiveInfinity, freeGib: double.PositiveInfinity);

        Assert.Equal(double.PositiveInfinity, new CapacityWeigher(-1.0).Weigh(pool, Request()));
    }
}
