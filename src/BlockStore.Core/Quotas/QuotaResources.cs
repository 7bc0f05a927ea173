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

    /// <summary>The resources Cinder also counts per volume type (<c>volumes_&lt;type&gt;</c>, …).</summary>
    public static IReadOnlyList<string> PerType { get; } = [Volumes, Gigabytes, Snapshots];

    /// <summary>
    /// The usage row of one resource for one volume type. Keyed by the type's id, not its name, so that renaming a type
    /// keeps its usage; limits are keyed by name, as Cinder's API shows them (<see cref="LimitKey"/>).
    /// </summary>
    public static string ForType(string resource, Guid typeId) => $"{resource}_type_{typeId:D}";

    /// <summary>Cinder's name of a per-type limit: <c>volumes_gold</c>.</summary>
    public static string LimitKey(string resource, string typeName) => $"{resource}_{typeName}";
}
