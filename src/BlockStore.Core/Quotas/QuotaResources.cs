namespace BlockStore.Core.Quotas;

/// <summary>Cinder's names of the resources whose usage is counted.</summary>
public static class QuotaResources
{
    public const string Volumes = "volumes";
    public const string Snapshots = "snapshots";
    public const string Gigabytes = "gigabytes";
    public const string Backups = "backups";
    public const string BackupGigabytes = "backup_gigabytes";
    public const string Groups = "groups";
}
