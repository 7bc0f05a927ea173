using System.Collections.Frozen;

namespace BlockStore.Core.Snapshots;

/// <summary>The one table of legal snapshot status moves that BlockStore performs.</summary>
public static class SnapshotTransitions
{
    private static readonly FrozenDictionary<SnapshotStatus, FrozenSet<SnapshotStatus>> Allowed =
        new Dictionary<SnapshotStatus, FrozenSet<SnapshotStatus>>
        {
            [SnapshotStatus.Creating] = Set(SnapshotStatus.Available, SnapshotStatus.Error),
            [SnapshotStatus.Available] = Set(SnapshotStatus.Deleting),
            [SnapshotStatus.Error] = Set(SnapshotStatus.Deleting),
            // As for volumes: a plain delete may retry, since deleting a snapshot that is gone succeeds.
            [SnapshotStatus.ErrorDeleting] = Set(SnapshotStatus.Deleting),
            [SnapshotStatus.Deleting] = Set(SnapshotStatus.ErrorDeleting),
        }.ToFrozenDictionary();

    /// <summary>Cinder's snapshot delete accepts these (api.delete_snapshot), plus error_deleting here.</summary>
    public static IReadOnlyList<SnapshotStatus> Deletable { get; } = [SnapshotStatus.Available, SnapshotStatus.Error, SnapshotStatus.ErrorDeleting];

    public static bool IsAllowed(SnapshotStatus from, SnapshotStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    private static FrozenSet<SnapshotStatus> Set(params SnapshotStatus[] statuses) => statuses.ToFrozenSet();
}
