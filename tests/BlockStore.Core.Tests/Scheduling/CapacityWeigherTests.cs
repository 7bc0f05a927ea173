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

    [Fact]
    public void Weigh_ThinPoolThinVolume_IsVirtualFreeSpace()
    {
        var pool = Pool("h@b", totalGib: 100, freeGib: 90, provisionedGib: 300, thin: true, maxOverSubscriptionRatio: 20.0);

        Assert.Equal(1700, new CapacityWeigher().Weigh(pool, Request()));
    }

    [Fact]
    public void Weigh_ThinPoolThickVolume_IsRealFreeSpace()
    {
        var pool = Pool("h@b", totalGib: 100, freeGib: 90, provisionedGib: 10, thin: true, maxOverSubscriptionRatio: 20.0);

        Assert.Equal(90, new CapacityWeigher().Weigh(pool, Request(1, ("provisioning:type", "thick"))));
    }

    [Fact]
    public void Place_ThinPoolBesideEmptierThickPool_PrefersMoreVirtualSpace()
    {
        // 100 GiB thin at 20x with 500 promised has 1500 GiB of virtual room; the thick pool 900 GiB of real room.
        var thin = Pool("a@thin", totalGib: 100, freeGib: 60, provisionedGib: 500, thin: true, maxOverSubscriptionRatio: 20.0);
        var thick = Pool("b@thick", totalGib: 1000, freeGib: 900);

        var result = new FilterScheduler([], [new CapacityWeigher()]).Place([thick, thin], Request(10));

        Assert.Equal("a@thin", result.Pool!.BackendHost);
    }

    [Fact]
    public void Weigh_UnknownCapacityWithPositiveMultiplier_WeighsLeast()
    {
        Assert.Equal(double.NegativeInfinity, new CapacityWeigher().Weigh(Pool("h@b", totalGib: null, freeGib: null), Request()));
    }
}
