namespace BlockStore.Core.Groups;

/// <summary>Cinder's group snapshot statuses (objects/fields.py GroupSnapshotStatus).</summary>
public static class GroupSnapshotStatuses
{
    public const string Creating = "creating";
    public const string Available = "available";
    public const string Updating = "updating";
    public const string Deleting = "deleting";
    public const string Deleted = "deleted";
    public const string Error = "error";
    public const string ErrorDeleting = "error_deleting";

    /// <summary>What <c>reset_status</c> accepts (Cinder's <c>GroupSnapshotStatus.ALL</c>).</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Creating, Available, Updating, Deleting, Deleted, Error, ErrorDeleting,
    };

    /// <summary>
    /// The status a group snapshot has once its member snapshots reached <paramref name="members"/>: any failure makes
    /// it <c>error</c>, all available make it <c>available</c>, otherwise it is still <c>creating</c>.
    /// </summary>
    public static string AfterCreate(IReadOnlyCollection<Snapshots.SnapshotStatus> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Any(status => status is Snapshots.SnapshotStatus.Error))
        {
            return Error;
        }

        return members.All(status => status == Snapshots.SnapshotStatus.Available) ? Available : Creating;
    }
}
