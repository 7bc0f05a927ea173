using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class SameBackendFilterTests
{
    private readonly SameBackendFilter filter = new();

    [Fact]
    public void Passes_NoHint_PassesEveryPool()
    {
        Assert.True(filter.Passes(Pool("h@b"), Request()));
    }

    [Theory]
    [InlineData("node1@lvm#fast", true)]
    [InlineData("node1@lvm#slow", false)]
    [InlineData("node1@lvm", true)]
    [InlineData("node1@rbd", false)]
    [InlineData("node1", true)]
    [InlineData("node2", false)]
    public void Passes_HintAtPoolBackendOrHostLevel_PassesOnlyPoolsUnderIt(string location, bool expected)
    {
        var request = Request() with { SameHostAs = Set(location) };

        Assert.Equal(expected, filter.Passes(Pool("node1@lvm", pool: "fast"), request));
    }

    [Fact]
    public void Passes_SeveralVolumesOnDifferentBackends_PassesEitherBackend()
    {
        // Cinder passes a backend that holds any of the volumes named in same_host.
        var request = Request() with { SameHostAs = Set("node1@lvm#fast", "node2@lvm#fast") };

        Assert.True(filter.Passes(Pool("node2@lvm", pool: "fast"), request));
        Assert.False(filter.Passes(Pool("node3@lvm", pool: "fast"), request));
    }
}
