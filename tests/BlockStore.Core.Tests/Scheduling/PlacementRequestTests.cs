using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class PlacementRequestTests
{
    [Fact]
    public void ThinRequested_NoExtraSpecs_IsTrueAsCinder()
    {
        Assert.True(Request().ThinRequested);
    }

    [Theory]
    [InlineData("provisioning:type", "thick", false)]
    [InlineData("provisioning:type", "thin", true)]
    [InlineData("thin_provisioning_support", "<is> True", true)]
    [InlineData("capabilities:thin_provisioning_support", "<is> True", true)]
    [InlineData("thick_provisioning_support", "<is> True", false)]
    [InlineData("capabilities:thick_provisioning_support", "<is> true", false)]
    [InlineData("thick_provisioning_support", "<is> False", true)]
    public void ThinRequested_FromExtraSpecs_ReadsProvisioningTypeOrSupport(string key, string value, bool expected)
    {
        Assert.Equal(expected, Request(1, (key, value)).ThinRequested);
    }

    [Fact]
    public void ThinRequested_ProvisioningTypeBeatsSupportSpec()
    {
        Assert.False(Request(1, ("provisioning:type", "thick"), ("thin_provisioning_support", "<is> True")).ThinRequested);
    }

    [Fact]
    public void ThinRequested_SetExplicitly_OverridesTheSpecs()
    {
        Assert.False((Request(1, ("provisioning:type", "thin")) with { ThinRequested = false }).ThinRequested);
    }

    [Fact]
    public void ExtraSpecs_ReplacedWithWith_AreReadAgain()
    {
        var thick = Request(1, ("provisioning:type", "thick"));

        var thin = thick with { ExtraSpecs = new Dictionary<string, string> { ["provisioning:type"] = "thin" } };

        Assert.True(thin.ThinRequested);
        Assert.False(thick.ThinRequested);
    }

    [Fact]
    public void Equals_SameSpecsDictionary_IsEqual()
    {
        var specs = new Dictionary<string, string> { ["storage_protocol"] = "iSCSI" };

        Assert.Equal(new PlacementRequest { SizeGib = 1, ExtraSpecs = specs }, new PlacementRequest { SizeGib = 1, ExtraSpecs = specs });
    }
}
