using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;

namespace BlockStore.Core.Tests.Quotas;

public sealed class VolumeQuotaTests
{
    private static readonly QuotaLimits FiveGigabytes = new() { Volumes = 10, Gigabytes = 5 };

    [Fact]
    public void EnsureFits_ExactlyAtGigabyteLimit_Fits()
    {
        var error = Record.Exception(() => VolumeQuota.EnsureFits(FiveGigabytes, QuotaUsage.None, new QuotaUsage(2, 0), 3));

        Assert.Null(error);
    }

    [Fact]
    public void EnsureFits_OneGigabyteOver_ThrowsOverLimitWithCindersWording()
    {
        var error = Assert.Throws<OverQuotaException>(() => VolumeQuota.EnsureFits(FiveGigabytes, QuotaUsage.None, QuotaUsage.None, 6));

        Assert.Equal(413, error.StatusCode);
        Assert.Equal("overLimit", error.FaultName);
        Assert.Equal(
            "VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. " +
            "Requested 6G, quota is 5G and 0G has been consumed.",
            error.Message);
    }

    [Fact]
    public void EnsureFits_ReservedGigabytesFromCreatesUnderWay_CountAsConsumed()
    {
        var gigabytes = new QuotaUsage(InUse: 1, Reserved: 3);

        var error = Assert.Throws<OverQuotaException>(() => VolumeQuota.EnsureFits(FiveGigabytes, QuotaUsage.None, gigabytes, 2));

        Assert.Contains("Requested 2G, quota is 5G and 4G has been consumed.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureFits_UnlimitedGigabytes_FitsAnySize()
    {
        var limits = new QuotaLimits { Volumes = 10, Gigabytes = -1 };

        var error = Record.Exception(() => VolumeQuota.EnsureFits(limits, QuotaUsage.None, new QuotaUsage(1_000_000, 0), 100_000));

        Assert.Null(error);
    }

    [Fact]
    public void EnsureFits_ZeroGigabyteQuota_RefusesEvenOneGigabyte()
    {
        var limits = new QuotaLimits { Volumes = 10, Gigabytes = 0 };

        Assert.Throws<OverQuotaException>(() => VolumeQuota.EnsureFits(limits, QuotaUsage.None, QuotaUsage.None, 1));
    }

    [Fact]
    public void EnsureFits_LastVolumeAllowedByCount_Fits()
    {
        var limits = new QuotaLimits { Volumes = 3, Gigabytes = -1 };

        var error = Record.Exception(() => VolumeQuota.EnsureFits(limits, new QuotaUsage(2, 0), QuotaUsage.None, 1));

        Assert.Null(error);
    }

    [Fact]
    public void EnsureFits_VolumeCountAtLimit_ThrowsVolumeLimitExceeded()
    {
        var limits = new QuotaLimits { Volumes = 3, Gigabytes = -1 };

        var error = Assert.Throws<OverQuotaException>(() => VolumeQuota.EnsureFits(limits, new QuotaUsage(2, 1), QuotaUsage.None, 1));

        Assert.Equal(413, error.StatusCode);
        Assert.Equal("VolumeLimitExceeded: Maximum number of volumes allowed (3) exceeded for quota 'volumes'.", error.Message);
    }

    [Fact]
    public void EnsureFits_UnlimitedVolumeCount_FitsAnyNumber()
    {
        var limits = new QuotaLimits { Volumes = -1, Gigabytes = -1 };

        var error = Record.Exception(() => VolumeQuota.EnsureFits(limits, new QuotaUsage(50_000, 10), QuotaUsage.None, 1));

        Assert.Null(error);
    }

    [Fact]
    public void QuotaLimits_Default_IsCindersTenVolumesAndThousandGigabytes()
    {
        var limits = new QuotaLimits();

        Assert.Equal(10, limits.Volumes);
        Assert.Equal(1000, limits.Gigabytes);
    }

    [Fact]
    public void EnsureFits_SizeNearIntMaxWithSomethingConsumed_IsOverQuotaNotWrappedAround()
    {
        var limits = new QuotaLimits { Volumes = 10, Gigabytes = 1000 };

        Assert.Throws<OverQuotaException>(() =>
            VolumeQuota.EnsureFits(limits, QuotaUsage.None, new QuotaUsage(1, 0), int.MaxValue));
    }
}
