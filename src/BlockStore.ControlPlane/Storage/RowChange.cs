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

    /// <summary>New rows of the same project written in the same transaction (a user message about a failure).</summary>
    public IReadOnlyList<Azure.Data.Tables.TableEntity> Inserts { get; init; } = [];

    /// <summary>
    /// Other rows of the same project replaced in the same transaction, each on the ETag it carries (a cascade delete
    /// moves a volume's snapshots with the volume): if any of them changed since it was read, nothing is written.
    /// </summary>
    public IReadOnlyList<Azure.Data.Tables.TableEntity> Updates { get; init; } = [];
}
