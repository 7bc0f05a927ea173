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
}
