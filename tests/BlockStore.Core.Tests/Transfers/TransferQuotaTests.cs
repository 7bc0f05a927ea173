using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Transfers;

namespace BlockStore.Core.Tests.Transfers;

public sealed class TransferQuotaTests
{
    private static readonly QuotaLimits Limits = new() { Volumes = 2, Gigabytes = 10, Snapshots = 2 };

    [Fact]
    public void EnsureFits_VolumeAndSnapshotsWithinEveryLimit_Passes() =>
        TransferQuota.EnsureFits(Limits, new QuotaUsage(1, 0), new QuotaUsage(4, 0), new QuotaUsage(0, 0), new TransferCharge(2, 2, 4));

    [Fact]
    public void EnsureFits_VolumeBeyondTheGigabytes_IsOverLimitWithCindersWording()
    {
        var error = Assert.Throws<OverQuotaException>(() =>
            TransferQuota.EnsureFits(Limits, QuotaUsage.None, new QuotaUsage(8, 1), QuotaUsage.None, new TransferCharge(2, 0, 0)));

        Assert.Equal("VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested 2G, quota is 10G and 9G has been consumed.", error.Message);
    }

    [Fact]
    public void EnsureFits_OneVolumeTooMany_IsVolumeLimitExceeded()
    {
        var error = Assert.Throws<OverQuotaException>(() =>
            TransferQuota.EnsureFits(Limits, new QuotaUsage(2, 0), QuotaUsage.None, QuotaUsage.None, new TransferCharge(1, 0, 0)));

        Assert.StartsWith("VolumeLimitExceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureFits_SnapshotsBeyondTheirCountOrTheGigabytes_AreOverLimit()
    {
        var count = Assert.Throws<OverQuotaException>(() =>
            TransferQuota.EnsureFits(Limits, QuotaUsage.None, QuotaUsage.None, new QuotaUsage(1, 0), new TransferCharge(1, 2, 2)));
        var gigabytes = Assert.Throws<OverQuotaException>(() =>
            TransferQuota.EnsureFits(Limits, QuotaUsage.None, new QuotaUsage(6, 0), QuotaUsage.None, new TransferCharge(2, 1, 3)));

        Assert.StartsWith("SnapshotLimitExceeded", count.Message, StringComparison.Ordinal);
        Assert.Contains("Requested 3G, quota is 10G and 8G has been consumed", gigabytes.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureFits_UnlimitedProject_TakesAnything() =>
        TransferQuota.EnsureFits(new QuotaLimits { Volumes = -1, Gigabytes = -1, Snapshots = -1 }, new QuotaUsage(500, 0), new QuotaUsage(9000, 0), new QuotaUsage(70, 0), new TransferCharge(100, 50, 500));
}
