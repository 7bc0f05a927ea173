using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;

namespace BlockStore.Core.Tests.Quotas;

public sealed class PerTypeQuotaTests
{
    private static readonly QuotaLimits Limits = new() { PerType = new Dictionary<string, int> { ["volumes_gold"] = 1, ["gigabytes_gold"] = 5, ["snapshots_gold"] = 0 } };

    [Fact]
    public void OfType_KeyNotSet_IsUnlimited()
    {
        Assert.Equal(-1, Limits.OfType(QuotaResources.Volumes, "silver"));
        Assert.Equal(1, Limits.OfType(QuotaResources.Volumes, "gold"));
    }

    [Fact]
    public void EnsureTypeFits_SecondVolumeOverTheTypesLimit_SaysWhichQuota()
    {
        var refused = Assert.Throws<OverQuotaException>(() =>
            VolumeQuota.EnsureTypeFits(Limits, "gold", QuotaResources.Volumes, new QuotaUsage(1, 0), new QuotaUsage(1, 0), 1, 1));

        Assert.Equal("VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded for quota 'volumes_gold'.", refused.Message);
    }

    [Fact]
    public void EnsureTypeFits_GigabytesOverTheTypesLimit_NamesGigabytesOfTheType()
    {
        var refused = Assert.Throws<OverQuotaException>(() =>
            VolumeQuota.EnsureTypeFits(Limits, "gold", QuotaResources.Volumes, QuotaUsage.None, new QuotaUsage(2, 1), 1, 3));

        Assert.Equal("VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes_gold quota. Requested 3G, quota is 5G and 3G has been consumed.", refused.Message);
    }

    [Fact]
    public void EnsureTypeFits_ExtendChecksOnlyGigabytes_EvenWhenTheCountIsFull()
    {
        VolumeQuota.EnsureTypeFits(Limits, "gold", QuotaResources.Volumes, new QuotaUsage(1, 0), new QuotaUsage(1, 0), 0, 4);
    }

    [Fact]
    public void EnsureTypeFits_SnapshotLimitZero_Refused()
    {
        var refused = Assert.Throws<OverQuotaException>(() =>
            VolumeQuota.EnsureTypeFits(Limits, "gold", QuotaResources.Snapshots, QuotaUsage.None, QuotaUsage.None, 1, 1));

        Assert.StartsWith("SnapshotLimitExceeded", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureTypeFits_OtherType_Unlimited()
    {
        VolumeQuota.EnsureTypeFits(Limits, "silver", QuotaResources.Volumes, new QuotaUsage(100, 0), new QuotaUsage(1000, 0), 1, 1000);
    }
}
