using BlockStore.Core.Errors;

namespace BlockStore.Core.Quotas;

/// <summary>Cinder's quota checks for new volumes and snapshots, with Cinder's messages.</summary>
public static class VolumeQuota
{
    /// <summary>Throws <see cref="OverQuotaException"/> when one more volume of <paramref name="sizeGib"/> does not fit.</summary>
    public static void EnsureFits(QuotaLimits limits, QuotaUsage volumes, QuotaUsage gigabytes, int sizeGib)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.PerVolumeGigabytes >= 0 && sizeGib > limits.PerVolumeGigabytes)
        {
            throw new OverQuotaException(
                $"VolumeSizeExceedsLimit: Requested volume size {sizeGib}G is larger than maximum allowed limit {limits.PerVolumeGigabytes}G.");
        }

        EnsureGigabytesFit(limits, gigabytes, sizeGib);
        if (limits.Volumes >= 0 && (long)volumes.Consumed + 1 > limits.Volumes)
        {
            throw new OverQuotaException(
                $"VolumeLimitExceeded: Maximum number of volumes allowed ({limits.Volumes}) exceeded for quota 'volumes'.");
        }
    }

    /// <summary>Throws <see cref="OverQuotaException"/> when one more snapshot of <paramref name="sizeGib"/> does not fit.</summary>
    public static void EnsureSnapshotFits(QuotaLimits limits, QuotaUsage snapshots, QuotaUsage gigabytes, int sizeGib)
    {
        ArgumentNullException.ThrowIfNull(limits);
        EnsureGigabytesFit(limits, gigabytes, sizeGib);
        if (limits.Snapshots >= 0 && (long)snapshots.Consumed + 1 > limits.Snapshots)
        {
            throw new OverQuotaException(
                $"SnapshotLimitExceeded: Maximum number of snapshots allowed ({limits.Snapshots}) exceeded");
        }
    }

    /// <summary>Throws <see cref="OverQuotaException"/> when growing a volume to <paramref name="newSizeGib"/> does not fit.</summary>
    public static void EnsureExtendFits(QuotaLimits limits, QuotaUsage gigabytes, int newSizeGib, int deltaGib)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.PerVolumeGigabytes >= 0 && newSizeGib > limits.PerVolumeGigabytes)
        {
            throw new OverQuotaException(
                $"VolumeSizeExceedsLimit: Requested volume size {newSizeGib}G is larger than maximum allowed limit {limits.PerVolumeGigabytes}G.");
        }

        EnsureGigabytesFit(limits, gigabytes, deltaGib);
    }

    /// <summary>
    /// Throws <see cref="OverQuotaException"/> when one more volume (or snapshot, by <paramref name="countResource"/>) of
    /// <paramref name="sizeGib"/> does not fit in the per-type limits of the type <paramref name="typeName"/>;
    /// <paramref name="count"/> 0 checks only the gigabytes (an extend).
    /// </summary>
    public static void EnsureTypeFits(QuotaLimits limits, string typeName, string countResource, QuotaUsage usedCount, QuotaUsage usedGigabytes, int count, int sizeGib)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(usedCount);
        ArgumentNullException.ThrowIfNull(usedGigabytes);
        var gigabytesKey = QuotaResources.LimitKey(QuotaResources.Gigabytes, typeName);
        var gigabytes = limits.OfType(QuotaResources.Gigabytes, typeName);
        if (gigabytes >= 0 && (long)usedGigabytes.Consumed + sizeGib > gigabytes)
        {
            throw new OverQuotaException(
                $"VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed {gigabytesKey} quota. " +
                $"Requested {sizeGib}G, quota is {gigabytes}G and {usedGigabytes.Consumed}G has been consumed.");
        }

        var limit = limits.OfType(countResource, typeName);
        if (count > 0 && limit >= 0 && (long)usedCount.Consumed + count > limit)
        {
            throw new OverQuotaException(countResource == QuotaResources.Snapshots
                ? $"SnapshotLimitExceeded: Maximum number of snapshots allowed ({limit}) exceeded for quota '{QuotaResources.LimitKey(countResource, typeName)}'."
                : $"VolumeLimitExceeded: Maximum number of volumes allowed ({limit}) exceeded for quota '{QuotaResources.LimitKey(countResource, typeName)}'.");
        }
    }

    private static void EnsureGigabytesFit(QuotaLimits limits, QuotaUsage gigabytes, int sizeGib)
    {
        // long: a size near int.MaxValue must not wrap around and slip under the limit.
        if (limits.Gigabytes >= 0 && (long)gigabytes.Consumed + sizeGib > limits.Gigabytes)
        {
            throw new OverQuotaException(
                $"VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. " +
                $"Requested {sizeGib}G, quota is {limits.Gigabytes}G and {gigabytes.Consumed}G has been consumed.");
        }
    }
}
