namespace BlockStore.Agent.Drivers;

/// <summary>
/// A driver with snapshots. Idempotent like the rest: creating an existing snapshot of the same volume succeeds,
/// deleting a missing one succeeds; a volume made from a snapshot holds the snapshot's data.
/// </summary>
public interface ISupportsSnapshots
{
    /// <summary>Creates the snapshot and returns its provider location.</summary>
    Task<string> CreateSnapshotAsync(string volumeName, string snapshotName, CancellationToken cancellationToken);

    Task DeleteSnapshotAsync(string volumeName, string snapshotName, CancellationToken cancellationToken);

    /// <summary>Creates <paramref name="volumeName"/> from a snapshot of <paramref name="sourceVolumeName"/>, at least <paramref name="sizeGib"/> large.</summary>
    Task<string> CreateVolumeFromSnapshotAsync(string sourceVolumeName, string snapshotName, string volumeName, int sizeGib, CancellationToken cancellationToken);
}
