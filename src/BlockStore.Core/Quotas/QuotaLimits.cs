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

    /// <summary>Per-type limits by Cinder's key (<c>volumes_gold</c>); a key not here is unlimited (-1), as Cinder's default.</summary>
    public IReadOnlyDictionary<string, int> PerType { get; init; } = new Dictionary<string, int>();

    /// <summary>The limit of <paramref name="resource"/> for volumes of the type named <paramref name="typeName"/>.</summary>
    public int OfType(string resource, string typeName) => PerType.GetValueOrDefault(QuotaResources.LimitKey(resource, typeName), -1);

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
