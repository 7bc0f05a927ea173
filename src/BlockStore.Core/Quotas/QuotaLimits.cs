namespace BlockStore.Core.Quotas;

/// <summary>A project's limits; -1 is unlimited, as in Cinder. Defaults are Cinder's (<c>quota_*</c> options).</summary>
public sealed record QuotaLimits
{
    public int Volumes { get; init; } = 10;

    public int Snapshots { get; init; } = 10;

    /// <summary>Volumes and snapshots together, in GiB.</summary>
    public int Gigabytes { get; init; } = 1000;

    public int Backups { get; init; } = 10;

    public int BackupGigabytes { get; init; } = 1000;

    /// <summary>The largest single volume, in GiB.</summary>
    public int PerVolumeGigabytes { get; init; } = -1;

    public int Groups { get; init; } = 10;

    /// <summary>The limit of a countable resource by its Cinder name.</summary>
    public int Of(string resource) => resource switch
    {
        QuotaResources.Volumes => Volumes,
        QuotaResources.Snapshots => Snapshots,
        QuotaResources.Gigabytes => Gigabytes,
        QuotaResources.Backups => Backups,
        QuotaResources.BackupGigabytes => BackupGigabytes,
        QuotaResources.Groups => Groups,
        _ => -1,
    };
}
