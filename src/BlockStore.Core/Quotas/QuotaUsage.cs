using BlockStore.Core.Errors;

namespace BlockStore.Core.Quotas;

/// <summary>One project's use of one quota resource: what is committed and what is reserved by creates under way.</summary>
public sealed record QuotaUsage(int InUse, int Reserved)
{
    public static QuotaUsage None { get; } = new(0, 0);

    public int Consumed => InUse + Reserved;

    public QuotaUsage Reserve(int amount) => this with { Reserved = Reserved + amount };

    public QuotaUsage Commit(int amount) => new(InUse + amount, Math.Max(0, Reserved - amount));

    public QuotaUsage ReleaseReservation(int amount) => this with { Reserved = Math.Max(0, Reserved - amount) };

    public QuotaUsage ReleaseInUse(int amount) => this with { InUse = Math.Max(0, InUse - amount) };

    /// <summary>Counts something already in use here, without a reservation (a retyped volume arriving at its new type).</summary>
    public QuotaUsage Use(int amount) => this with { InUse = InUse + amount };
}
