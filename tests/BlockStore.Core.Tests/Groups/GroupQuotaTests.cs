using BlockStore.Core.Errors;
using BlockStore.Core.Groups;
using BlockStore.Core.Quotas;

namespace BlockStore.Core.Tests.Groups;

public sealed class GroupQuotaTests
{
    [Fact]
    public void EnsureFits_LastGroupOfTheLimit_Fits() =>
        GroupQuota.EnsureFits(new QuotaLimits { Groups = 2 }, new QuotaUsage(1, 0));

    [Fact]
    public void EnsureFits_OneOverTheLimit_IsOverLimitWithCindersWords()
    {
        var error = Assert.Throws<OverQuotaException>(() => GroupQuota.EnsureFits(new QuotaLimits { Groups = 1 }, new QuotaUsage(1, 0)));

        Assert.Equal("GroupLimitExceeded: Maximum number of groups allowed (1) exceeded", error.Message);
    }

    [Fact]
    public void EnsureFits_Unlimited_AlwaysFits() =>
        GroupQuota.EnsureFits(new QuotaLimits { Groups = -1 }, new QuotaUsage(1000, 5));
}
