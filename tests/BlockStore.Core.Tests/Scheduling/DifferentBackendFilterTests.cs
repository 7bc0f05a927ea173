using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class DifferentBackendFilterTests
{
    private readonly DifferentBackendFilter filter = new();

    [Fact]
    public void Passes_NoHint_PassesEveryPool()
    {
        Assert.True(filter.Passes(Pool("h@b"), Request()));
    }

    [Theory]
    [InlineData("node1@lvm#fast", false)]
    [InlineData("node1@lvm#slow", true)]
    [InlineData("node1@lvm", false)]
    [InlineData("node1@rbd", true)]
    [InlineData("node1", false)]
    [InlineData("node2", true)]
    public void Passes_HintAtPoolBackendOrHostLevel_RejectsPoolsUnderIt(string location, bool expected)
    {
        var request = Request() with { DifferentHostFrom = Set(location) };

        Assert.Equal(expected, filter.Passes(Pool("node1@lvm", pool: "fast"), request));
    }

    [Fact]
    public void Place_DifferentHostHint_AvoidsTheBackendWithMoreSpace()
    {
        PoolStats[] pools = [Pool("node1@lvm", freeGib: 90), Pool("node2@lvm", freeGib: 20)];
        var request = Request(10) with { DifferentHostFrom = Set("node1@lvm#pool") };

        var result = FilterScheduler.CreateDefault().Place(pools, request);

        Assert.Equal("node2@lvm", result.Pool?.BackendHost);
    }
}
