using BlockStore.Core.Snapshots;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Transfers;

/// <summary>The rows a transfer carries from the source partition to the destination, already owned by the destination.</summary>
public sealed record TransferPayload(Volume Volume, IReadOnlyList<Snapshot> Snapshots);
