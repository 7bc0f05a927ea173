using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class BackendLocationTests
{
    private static readonly PoolStats Fast = Pool("node1@lvm", pool: "fast");

    [Theory]
    [InlineData("node1@lvm#fast", true)]
    [InlineData("node1@lvm#slow", false)]
    [InlineData("node1@lvm", true)]
    [InlineData("node1@rbd", false)]
    [InlineData("node1", true)]
    [InlineData("node2", false)]
    [InlineData("node", false)]
    [InlineData("NODE1", false)]
    public void Contains_HostBackendOrPoolLevel_MatchesAsCinder(string location, bool expected)
    {
        Assert.Equal(expected, BackendLocation.Contains(location, Fast));
    }

    [Fact]
    public void ContainsAny_NoLocations_IsFalse()
    {
        Assert.False(BackendLocation.ContainsAny(Set(), Fast));
    }
}
