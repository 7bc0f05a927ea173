using System.Collections.Frozen;

namespace BlockStore.Core.Volumes;

/// <summary>
/// The one table of legal volume status moves. Only the moves that BlockStore performs are listed;
/// a move not in the table is a bug or a user request in the wrong state, never silently ignored.
/// </summary>
public static class VolumeTransitions
{
    private static readonly FrozenDictionary<VolumeStatus, FrozenSet<VolumeStatus>> Allowed =
        new Dictionary<VolumeStatus, FrozenSet<VolumeStatus>>
        {
            [VolumeStatus.Creating] = Set(VolumeStatus.Available, VolumeStatus.Error),
            [VolumeStatus.Available] = Set(VolumeStatus.Deleting, VolumeStatus.Extending, VolumeStatus.Attaching, VolumeStatus.AwaitingTransfer),
            // A transfer deleted (or accepted) gives the volume back as available.
            [VolumeStatus.AwaitingTransfer] = Set(VolumeStatus.Available),
            // os-reserve / os-unreserve (Cinder's reserve_volume): a compute host holds the volume while it attaches.
            [VolumeStatus.Attaching] = Set(VolumeStatus.Available),
            [VolumeStatus.Extending] = Set(VolumeStatus.Available, VolumeStatus.ErrorExtending),
            [VolumeStatus.Error] = Set(VolumeStatus.Deleting),
            // Cinder needs a force-delete here; BlockStore lets a plain delete retry because every
            // driver delete is idempotent (deleting what is gone succeeds).
            [VolumeStatus.ErrorDeleting] = Set(VolumeStatus.Deleting),
            [VolumeStatus.ErrorRestoring] = Set(VolumeStatus.Deleting),
            [VolumeStatus.ErrorExtending] = Set(VolumeStatus.Deleting),
            [VolumeStatus.ErrorManaging] = Set(VolumeStatus.Deleting),
            [VolumeStatus.Deleting] = Set(VolumeStatus.ErrorDeleting),
        }.ToFrozenDictionary();

    /// <summary>The statuses a user may delete from, in Cinder's order, for the error message.</summary>
    public static IReadOnlyList<VolumeStatus> Deletable { get; } =
        [VolumeStatus.Available, VolumeStatus.Error, VolumeStatus.ErrorRestoring, VolumeStatus.ErrorExtending, VolumeStatus.ErrorManaging, VolumeStatus.ErrorDeleting];

    public static bool IsAllowed(VolumeStatus from, VolumeStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    private static FrozenSet<VolumeStatus> Set(params VolumeStatus[] statuses) => statuses.ToFrozenSet();
}
