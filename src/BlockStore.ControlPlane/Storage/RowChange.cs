using BlockStore.Core.Quotas;

namespace BlockStore.ControlPlane.Storage;

/// <summary>
/// One atomic change of a project resource: its next state (null removes the row) and the quota moves that go with
/// it, by resource name (<see cref="QuotaResources"/>).
/// </summary>
public sealed record RowChange<T>(T? Next)
    where T : class
{
    public IReadOnlyDictionary<string, Func<QuotaUsage, QuotaUsage>> Quota { get; init; } = new Dictionary<string, Func<QuotaUsage, QuotaUsage>>();
}
