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

    public bool TouchesQuota => Volumes is not null || Gigabytes is not null;
}
