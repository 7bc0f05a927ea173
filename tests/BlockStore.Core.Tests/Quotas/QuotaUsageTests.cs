using BlockStore.Core.Quotas;

namespace BlockStore.Core.Tests.Quotas;

public sealed class QuotaUsageTests
{
    [Fact]
    public void Consumed_InUseAndReserved_IsTheirSum()
    {
        Assert.Equal(7, new QuotaUsage(InUse: 4, Reserved: 3).Consumed);
    }

    [Fact]
    public void Reserve_Amount_AddsToReservedAndConsumed()
    {
        var usage = new QuotaUsage(4, 0).Reserve(2);

        Assert.Equal(new QuotaUsage(4, 2), usage);
        Assert.Equal(6, usage.Consumed);
    }

    [Fact]
    public void Commit_ReservedAmount_MovesItToInUseWithoutChangingConsumed()
    {
        var reserved = new QuotaUsage(4, 2);

        var committed = reserved.Commit(2);

        Assert.Equal(new QuotaUsage(6, 0), committed);
        Assert.Equal(reserved.Consumed, committed.Consumed);
    }

    [Fact]
    public void ReleaseReservation_FailedCreate_FreesTheReservedAmount()
    {
        var usage = new QuotaUsage(4, 2).ReleaseReservation(2);

        Assert.Equal(new QuotaUsage(4, 0), usage);
    }

    [Fact]
    public void ReleaseInUse_DeletedVolume_FreesItsSize()
    {
        var usage = new QuotaUsage(4, 2).ReleaseInUse(3);

        Assert.Equal(new QuotaUsage(1, 2), usage);
    }

    [Fact]
    public void ReleaseReservation_MoreThanReserved_StopsAtZero()
    {
        Assert.Equal(new QuotaUsage(4, 0), new QuotaUsage(4, 1).ReleaseReservation(5));
    }

    [Fact]
    public void ReleaseInUse_MoreThanInUse_StopsAtZero()
    {
        Assert.Equal(new QuotaUsage(0, 1), new QuotaUsage(2, 1).ReleaseInUse(5));
    }
}
