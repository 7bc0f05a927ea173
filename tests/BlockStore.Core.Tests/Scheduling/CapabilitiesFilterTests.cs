using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class CapabilitiesFilterTests
{
    private readonly CapabilitiesFilter filter = new();

    [Fact]
    public void Passes_NoExtraSpecs_PassesEveryPool()
    {
        Assert.True(filter.Passes(Pool("h@b"), Request()));
    }

    [Theory]
    [InlineData("storage_protocol")]
    [InlineData("capabilities:storage_protocol")]
    public void Passes_UnscopedOrCapabilitiesScopedKey_IsMatched(string key)
    {
        var iscsi = Pool("h@b", capabilities: Caps(("storage_protocol", "iSCSI")));
        var fc = Pool("h@c", capabilities: Caps(("storage_protocol", "FC")));

        Assert.True(filter.Passes(iscsi, Request(1, (key, "iSCSI"))));
        Assert.False(filter.Passes(fc, Request(1, (key, "iSCSI"))));
    }

    [Theory]
    [InlineData("qos:maxIOPS", "5000")]
    [InlineData("provisioning:type", "thin")]
    [InlineData("vendor:feature", "<is> True")]
    public void Passes_OtherScopedKeys_AreIgnored(string key, string value)
    {
        Assert.True(filter.Passes(Pool("h@b"), Request(1, (key, value))));
    }

    [Fact]
    public void Passes_CapabilityNotReported_IsRejected()
    {
        Assert.False(filter.Passes(Pool("h@b"), Request(1, ("multiattach", "<is> True"))));
    }

    [Fact]
    public void Passes_EveryRequirementMustHold()
    {
        var pool = Pool("h@b", capabilities: Caps(("multiattach", "True"), ("storage_protocol", "FC")));

        Assert.True(filter.Passes(pool, Request(1, ("multiattach", "<is> True"), ("storage_protocol", "<or> iSCSI <or> FC"))));
        Assert.False(filter.Passes(pool, Request(1, ("multiattach", "<is> True"), ("storage_protocol", "iSCSI"))));
    }

    [Theory]
    [InlineData(true, "<is> True", true)]
    [InlineData(false, "<is> True", false)]
    [InlineData(false, "<is> False", true)]
    public void Passes_ThinProvisioningSupport_IsReadFromTheTypedField(bool thin, string requirement, bool expected)
    {
        var pool = Pool("h@b", thin: thin);

        Assert.Equal(expected, filter.Passes(pool, Request(1, ("capabilities:thin_provisioning_support", requirement))));
    }

    [Theory]
    [InlineData(">= 5", true)]
    [InlineData(">= 500", false)]
    public void Passes_NumericTypedCapability_ComparesItsValue(string requirement, bool expected)
    {
        var pool = Pool("h@b", maxOverSubscriptionRatio: 20);

        Assert.Equal(expected, filter.Passes(pool, Request(1, ("max_over_subscription_ratio", requirement))));
    }

    [Fact]
    public void Passes_VolumeBackendName_IsLeftToBackendNameFilter()
    {
        Assert.True(filter.Passes(Pool("h@b", volumeBackendName: "other"), Request(1, ("volume_backend_name", "lvm"))));
    }

    [Fact]
    public void DescribeRejection_UnmetSpec_NamesKeyRequirementAndWhatPoolsReport()
    {
        PoolStats[] pools = [Pool("a@b", capabilities: Caps(("storage_protocol", "FC"))), Pool("c@d")];

        var reason = filter.DescribeRejection(pools, Request(1, ("storage_protocol", "iSCSI")));

        Assert.Contains("storage_protocol='iSCSI' not met by 2", reason, StringComparison.Ordinal);
        Assert.Contains("'FC'", reason, StringComparison.Ordinal);
        Assert.Contains("'nothing'", reason, StringComparison.Ordinal);
    }
}
