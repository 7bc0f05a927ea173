namespace BlockStore.Core.Quotas;

/// <summary>A project's limits; -1 is unlimited, as in Cinder. Defaults are Cinder's.</summary>
public sealed record QuotaLimits
{
    public int Volumes { get; init; } = 10;

    public int Gigabytes { get; init; } = 1000;
}
