namespace BlockStore.Core.Transfers;

/// <summary>The quota a transfer moves: one volume, its snapshots, and their gigabytes together.</summary>
public sealed record TransferCharge(int VolumeGib, int Snapshots, int SnapshotGib)
{
    public int Gigabytes => VolumeGib + SnapshotGib;
}
