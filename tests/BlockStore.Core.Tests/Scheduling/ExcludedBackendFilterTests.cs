using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class ExcludedBackendFilterTests
{
    private readonly ExcludedBackendFilter filter = new();

    [Fact]
    public void Passes_BackendAlreadyTried_IsRejected()
    {
        var request = Request() with { ExcludedBackends = new HashSet<string> { "h1@lvm" } };

        Assert.False(filter.Passes(Pool("h1@lvm", pool: "fast"), request));
    }

    [Fact]
    public void Passes_OtherBackend_Passes()
    {
        var request = Request() with { ExcludedBackends = new HashSet<string> { "h1@lvm" } };

        Assert.True(filter.Passes(Pool("h2@lvm"), request));
    }

    [Fact]
    public void Passes_PoolTriedAtPoolLevel_RejectsOnlyThatPool()
    {
        var request = Request() with { ExcludedBackends = new HashSet<string> { "h1@lvm#fast" } };

        Assert.False(filter.Passes(Pool("h1@lvm", pool: "fast"), request));
        Assert.True(filter.Passes(Pool("h1@lvm", pool: "slow"), request));
    }

    [Fact]
    public void Passes_HostTried_RejectsEveryBackendOnIt()
    {
        var request = Request() with { ExcludedBackends = new HashSet<string> { "h1" } };

        Assert.False(filter.Passes(Pool("h1@rbd"), request));
        Assert.True(filter.Passes(Pool("h10@rbd"), request));
    }

    [Theory]
    [InlineData("h1@lvm", false)]
    [InlineData("h1", false)]
    [InlineData("h1@lvm#pool", false)]
    [InlineData("h2@lvm", true)]
    public void Passes_ManyBackendsTried_MatchesEveryLevelAsWithFew(string tried, bool expected)
    {
        var excluded = Enumerable.Range(10, 20).Select(i => $"h{i}@lvm").Append(tried).ToHashSet();
        var request = Request() with { ExcludedBackends = excluded };

        Assert.Equal(expected, filter.Passes(Pool("h1@lvm"), request));
    }

    [Fact]
    public void Name_IsCindersRetryFilter()
    {
        Assert.Equal("RetryFilter", filter.Name);
    }
}
