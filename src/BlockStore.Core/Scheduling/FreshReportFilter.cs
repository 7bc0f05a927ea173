using System.Globalization;

namespace BlockStore.Core.Scheduling;

/// <summary>Rejects pools whose last capacity report is older than the request allows: a silent agent gets no new volumes.</summary>
public sealed class FreshReportFilter : IPoolFilter
{
    public string Name => "FreshReportFilter";

    public bool Passes(PoolStats pool, PlacementRequest request) =>
        request.ReportedAfter is not { } cutoff || pool.ReportedAt >= cutoff;

    public string DescribeRejection(IReadOnlyList<PoolStats> rejected, PlacementRequest request) => string.Create(
        CultureInfo.InvariantCulture,
        $"their backends have not reported capacity since {request.ReportedAfter:u} (last report {rejected.Max(pool => pool.ReportedAt):u})");
}
