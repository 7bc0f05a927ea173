using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>What a new volume is copied from: a snapshot (of <see cref="Volume"/>) or <see cref="Volume"/> itself.</summary>
internal sealed record VolumeSource(string What, int SizeGib, Volume Volume, Snapshot? Snapshot)
{
    /// <summary>The orchestration's view of the source: where it lives and the storage names the agent needs.</summary>
    public CreateVolumeSource ToInput() => new(
        Snapshot?.Host ?? Volume.Host,
        Volume.StorageName,
        Snapshot?.StorageName);
}
