namespace BlockStore.Core.Groups;

/// <summary>
/// Cinder's group statuses (objects/fields.py GroupStatus), as the API shows them. A generic group has no storage of
/// its own, so only create-from-source, delete and an admin's reset move it; everything else is <c>available</c>.
/// </summary>
public static class GroupStatuses
{
    public const string Creating = "creating";
    public const string Available = "available";
    public const string Updating = "updating";
    public const string InUse = "in-use";
    public const string Deleting = "deleting";
    public const string Deleted = "deleted";
    public const string Error = "error";
    public const string ErrorDeleting = "error_deleting";

    /// <summary>What <c>reset_status</c> accepts (Cinder's <c>GroupStatus.ALL</c>).</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Creating, Available, Updating, InUse, Deleting, Deleted, Error, ErrorDeleting,
    };
}
