using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Quotas;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>
/// One atomic change of a volume: its next state (null removes the row) and the quota moves that go with it.
/// </summary>
public sealed record VolumeChange(Volume? Next)
{
    /// <summary>The move of the project's <c>volumes</c> usage; repeated on the volume's type's <c>volumes_&lt;type&gt;</c> row.</summary>
    public Func<QuotaUsage, QuotaUsage>? Volumes { get; init; }

    /// <summary>The move of the project's <c>gigabytes</c> usage; repeated on the type's row unless <see cref="TypeQuota"/> names it.</summary>
    public Func<QuotaUsage, QuotaUsage>? Gigabytes { get; init; }

    /// <summary>
    /// Explicit moves of per-type usage rows (<see cref="QuotaResources.ForType"/>), where a plain repeat of
    /// <see cref="Volumes"/>/<see cref="Gigabytes"/> is not right: a per-type limit check, or a retype moving usage between types.
    /// </summary>
    public IReadOnlyDictionary<string, Func<QuotaUsage, QuotaUsage>> TypeQuota { get; init; } = new Dictionary<string, Func<QuotaUsage, QuotaUsage>>();

    /// <summary>A user message recorded with the change (Cinder's messages API).</summary>
    public Azure.Data.Tables.TableEntity? Message { get; init; }

    /// <summary>Rows of the same project replaced with the volume, on their ETags (see <see cref="RowChange{T}.Updates"/>).</summary>
    public IReadOnlyList<Azure.Data.Tables.TableEntity> Companions { get; init; } = [];

    /// <param name="current">The volume as read: its type's usage moves with the project's.</param>
    internal RowChange<Volume> ToRowChange(Volume current)
    {
        var quota = new Dictionary<string, Func<QuotaUsage, QuotaUsage>>(TypeQuota);
        if (Volumes is not null)
        {
            quota[QuotaResources.Volumes] = Volumes;
            if (current.VolumeTypeId is { } type)
            {
                quota.TryAdd(QuotaResources.ForType(QuotaResources.Volumes, type), Volumes);
            }
        }

        if (Gigabytes is not null)
        {
            quota[QuotaResources.Gigabytes] = Gigabytes;
            if (current.VolumeTypeId is { } type)
            {
                quota.TryAdd(QuotaResources.ForType(QuotaResources.Gigabytes, type), Gigabytes);
            }
        }

        return new RowChange<Volume>(Next) { Quota = quota, Inserts = Message is null ? [] : [Message], Updates = Companions };
    }
}
