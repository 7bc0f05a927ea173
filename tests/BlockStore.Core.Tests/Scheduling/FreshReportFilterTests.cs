using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class FreshReportFilterTests
{
    private readonly FreshReportFilter filter = new();

    [Fact]
    public void Passes_ReportOlderThanCutoff_IsRejected()
    {
        var request = Request() with { ReportedAfter = Now };

        Assert.False(filter.Passes(Pool("h@b", reportedAt: Now.AddSeconds(-1)), request));
    }

    [Fact]
    public void Passes_ReportNewerThanCutoff_Passes()
    {
        var request = Request() with { ReportedAfter = Now };

        Assert.True(filter.Passes(Pool("h@b", reportedAt: Now.AddSeconds(1)), request));
    }

    [Fact]
    public void Passes_NoCutoff_AcceptsAnyAge()
    {
        Assert.True(filter.Passes(Pool("h@b", reportedAt: DateTimeOffset.UnixEpoch), Request()));
    }
}
