using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class BackendNameFilterTests
{
    private readonly BackendNameFilter filter = new();

    [Theory]
    [InlineData("volume_backend_name")]
    [InlineData("capabilities:volume_backend_name")]
    public void Passes_NameMatches_Passes(string key)
    {
        Assert.True(filter.Passes(Pool("h@b", volumeBackendName: "lvm-fast"), Request(1, (key, "lvm-fast"))));
    }

    [Fact]
    public void Passes_OtherName_IsRejected()
    {
        Assert.False(filter.Passes(Pool("h@b", volumeBackendName: "lvm-slow"), Request(1, ("volume_backend_name", "lvm-fast"))));
    }

    [Fact]
    public void Passes_NoNameReported_IsRejectedWhenOneIsRequired()
    {
        Assert.False(filter.Passes(Pool("h@b"), Request(1, ("volume_backend_name", "lvm-fast"))));
    }

    [Fact]
    public void Passes_OrOperator_AcceptsEitherName()
    {
        var request = Request(1, ("volume_backend_name", "<or> lvm-fast <or> rbd"));

        Assert.True(filter.Passes(Pool("h@b", volumeBackendName: "rbd"), request));
        Assert.False(filter.Passes(Pool("h@b", volumeBackendName: "nfs"), request));
    }

    [Fact]
    public void Passes_TypeWithoutBackendName_PassesEveryPool()
    {
        Assert.True(filter.Passes(Pool("h@b", volumeBackendName: "anything"), Request(1, ("storage_protocol", "iSCSI"))));
    }
}
