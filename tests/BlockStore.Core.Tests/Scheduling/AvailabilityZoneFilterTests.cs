using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class AvailabilityZoneFilterTests
{
    private readonly AvailabilityZoneFilter filter = new();

    [Fact]
    public void Passes_PoolInRequestedZone_Passes()
    {
        Assert.True(filter.Passes(Pool("h@b", availabilityZone: "az1"), Request(availabilityZone: "az1")));
    }

    [Theory]
    [InlineData("az2")]
    [InlineData("AZ1")]
    public void Passes_PoolInAnotherZone_IsRejected(string requested)
    {
        Assert.False(filter.Passes(Pool("h@b", availabilityZone: "az1"), Request(availabilityZone: requested)));
    }

    [Fact]
    public void Passes_NoZoneRequested_PassesEveryZone()
    {
        Assert.True(filter.Passes(Pool("h@b", availabilityZone: "anywhere"), Request(availabilityZone: null)));
    }
}
