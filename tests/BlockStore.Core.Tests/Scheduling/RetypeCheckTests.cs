using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class RetypeCheckTests
{
    [Fact]
    public void Unmet_TypeWithoutSpecs_FitsEvenWithoutAReport()
    {
        Assert.Null(RetypeCheck.Unmet(null, new Dictionary<string, string> { ["qos:read_iops_sec"] = "100" }));
    }

    [Fact]
    public void Unmet_BackendNameAndCapabilityMet_Fits()
    {
        var pool = Pool("h@b", volumeBackendName: "fast", capabilities: new Dictionary<string, string> { ["compression"] = "True" });

        Assert.Null(RetypeCheck.Unmet(pool, new Dictionary<string, string> { ["volume_backend_name"] = "fast", ["compression"] = "<is> True" }));
    }

    [Fact]
    public void Unmet_OtherBackendName_SaysWhichFilterAndWhatThePoolReports()
    {
        var reason = RetypeCheck.Unmet(Pool("h@b", volumeBackendName: "slow"), new Dictionary<string, string> { ["volume_backend_name"] = "fast" });

        Assert.Equal("BackendNameFilter rejected 1 pool(s): volume_backend_name is not 'fast' (they report 'slow').", reason);
    }

    [Fact]
    public void Unmet_CapabilityNotReported_NamesTheCapabilitiesFilter()
    {
        var reason = RetypeCheck.Unmet(Pool("h@b"), new Dictionary<string, string> { ["capabilities:replication"] = "<is> True" });

        Assert.StartsWith("CapabilitiesFilter rejected 1 pool(s): ", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unmet_PoolNotReportingAndTypeAsksForABackend_SaysSo()
    {
        Assert.Equal("the volume's pool has not reported its capabilities", RetypeCheck.Unmet(null, new Dictionary<string, string> { ["volume_backend_name"] = "fast" }));
    }
}
