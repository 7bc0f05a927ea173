using BlockStore.Core.Errors;

namespace BlockStore.Core.Quotas;

/// <summary>Cinder's quota check for a new volume, with Cinder's messages.</summary>
public static class VolumeQuota
{
    /// <summary>Throws <see cref="OverQuotaException"/> when one more volume of <paramref name="sizeGib"/> does not fit.</summary>
    public static void EnsureFits(QuotaLimits limits, QuotaUsage volumes, QuotaUsage gigabytes, int sizeGib)
    {
        // long: a size near int.MaxValue must not wrap around and slip under the limit.
        if (limits.Gigabytes >= 0 && (long)gigabytes.Consumed + sizeGib > limits.Gigabytes)
        {
            throw new OverQuotaException(
                $"VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. " +
                $"Requested {sizeGib}G, quota is {limits.Gigabytes}G and {gigabytes.Consumed}G has been consumed.");
        }

        if (limits.Volumes >= 0 && (long)volumes.Consumed + 1 > limits.Volumes)
        {
            throw new OverQuotaException(
                $"VolumeLimitExceeded: Maximum number of volumes allowed ({limits.Volumes}) exceeded for quota 'volumes'.");
        }
    }
}
