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
    public void Name_IsCindersRetryFilter()
    {
        Assert.Equal("RetryFilter", filter.Name);
    }
}
