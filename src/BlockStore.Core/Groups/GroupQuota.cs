using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;

namespace BlockStore.Core.Groups;

/// <summary>Cinder's <c>groups</c> quota check, with Cinder's message.</summary>
public static class GroupQuota
{
    /// <summary>Throws <see cref="OverQuotaException"/> when one more group does not fit.</summary>
    public static void EnsureFits(QuotaLimits limits, QuotaUsage groups)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(groups);
        if (limits.Groups >= 0 && (long)groups.Consumed + 1 > limits.Groups)
        {
            throw new OverQuotaException($"GroupLimitExceeded: Maximum number of groups allowed ({limits.Groups}) exceeded");
        }
    }
}
