using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class AllocatedCapacityWeigherTests
{
    [Fact]
    public void Multiplier_Default_IsMinusOneSoTheLeastAllocatedWins()
    {
        Assert.Equal(-1.0, new AllocatedCapacityWeigher().Multiplier);
    }

    [Fact]
    public void Weigh_Pool_IsItsAllocatedCapacity()
    {
        Assert.Equal(42, new AllocatedCapacityWeigher().Weigh(Pool("h@b", allocatedGib: 42), Request()));
    }

    [Theory]
    [InlineData(-1.0, "b@x")]
    [InlineData(1.0, "a@x")]
    public void Place_ByAllocatedCapacity_MultiplierSignChoosesSpreadOrStack(double multiplier, string expected)
    {
        PoolStats[] pools = [Pool("a@x", allocatedGib: 500), Pool("b@x", allocatedGib: 10)];

        var result = new FilterScheduler([], [new AllocatedCapacityWeigher(multiplier)]).Place(pools, Request());

        Assert.Equal(expected, result.Pool?.BackendHost);
    }
}
