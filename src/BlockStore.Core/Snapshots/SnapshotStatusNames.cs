using System.Collections.Frozen;

namespace BlockStore.Core.Snapshots;

/// <summary>Maps <see cref="SnapshotStatus"/> to and from Cinder's wire strings.</summary>
public static class SnapshotStatusNames
{
    private static readonly FrozenDictionary<SnapshotStatus, string> Names = new Dictionary<SnapshotStatus, string>
    {
        [SnapshotStatus.Creating] = "creating",
        [SnapshotStatus.Available] = "available",
        [SnapshotStatus.Deleting] = "deleting",
        [SnapshotStatus.Error] = "error",
        [SnapshotStatus.ErrorDeleting] = "error_deleting",
        [SnapshotStatus.BackingUp] = "backing-up",
        [SnapshotStatus.Restoring] = "restoring",
        [SnapshotStatus.Unmanaging] = "unmanaging",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, SnapshotStatus> Values =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    public static string ToWire(this SnapshotStatus status) => Names[status];

    public static bool TryParse(string? wire, out SnapshotStatus status) => Values.TryGetValue(wire ?? "", out status);
}
