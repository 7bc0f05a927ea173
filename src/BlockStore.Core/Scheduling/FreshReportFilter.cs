namespace BlockStore.Core.Scheduling;

/// <summary>Rejects pools whose last capacity report is older than the request allows: a silent agent gets no new volumes.</summary>
public sealed class FreshReportFilter : IPoolFilter
{
    public string Name => "FreshReportFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) =>
        request.ReportedAfter is not { } cutoff || pool.ReportedAt >= cutoff;
}
