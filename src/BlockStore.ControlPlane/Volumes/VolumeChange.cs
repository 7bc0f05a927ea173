using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Quotas;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>
/// One atomic change of a volume: its next state (null removes the row) and the quota moves that go with it.
/// </summary>
public sealed record VolumeChange(Volume? Next)
{
    public Func<QuotaUsage, QuotaUsage>? Volumes { get; init; }

    public Func<QuotaUsage, QuotaUsage>? Gigabytes { get; init; }

    /// <summary>A user message recorded with the change (Cinder's messages API).</summary>
    public Azure.Data.Tables.TableEntity? Message { get; init; }

    /// <summary>Rows of the same project replaced with the volume, on their ETags (see <see cref="RowChange{T}.Updates"/>).</summary>
    public IReadOnlyList<Azure.Data.Tables.TableEntity> Companions { get; init; } = [];

    internal RowChange<Volume> ToRowChange()
    {
        var quota = new Dictionary<string, Func<QuotaUsage, QuotaUsage>>();
        if (Volumes is not null)
        {
            quota[QuotaResources.Volumes] = Volumes;
        }

        if (Gigabytes is not null)
        {
            quota[QuotaResources.Gigabytes] = Gigabytes;
        }

        return new RowChange<Volume>(Next) { Quota = quota, Inserts = Message is null ? [] : [Message], Updates = Companions };
    }
}
