using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;

namespace BlockStore.Core.Transfers;

/// <summary>Whether a project can receive a transfer: Cinder's accept reserves a volume, its gigabytes and its snapshots.</summary>
public static class TransferQuota
{
    /// <summary>Throws <see cref="OverQuotaException"/> with Cinder's wording when the charge does not fit.</summary>
    public static void EnsureFits(QuotaLimits limits, QuotaUsage volumes, QuotaUsage gigabytes, QuotaUsage snapshots, TransferCharge charge)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(charge);
        // The volume first, as Cinder (per-volume size, gigabytes, volume count), then its snapshots.
        VolumeQuota.EnsureFits(limits, volumes, gigabytes, charge.VolumeGib);
        if (charge.Snapshots == 0)
        {
            return;
        }

        if (limits.Gigabytes >= 0 && (long)gigabytes.Consumed + charge.Gigabytes > limits.Gigabytes)
        {
            throw new OverQuotaException(
                $"VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. " +
                $"Requested {charge.SnapshotGib}G, quota is {limits.Gigabytes}G and {gigabytes.Consumed + charge.VolumeGib}G has been consumed.");
        }

        if (limits.Snapshots >= 0 && (long)snapshots.Consumed + charge.Snapshots > limits.Snapshots)
        {
            throw new OverQuotaException($"SnapshotLimitExceeded: Maximum number of snapshots allowed ({limits.Snapshots}) exceeded");
        }
    }
}
