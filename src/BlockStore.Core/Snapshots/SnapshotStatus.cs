namespace BlockStore.Core.Snapshots;

/// <summary>Cinder's snapshot status values (cinder/objects/fields.py SnapshotStatus).</summary>
public enum SnapshotStatus
{
    Creating,
    Available,
    Deleting,
    Error,
    ErrorDeleting,
    BackingUp,
    Restoring,
    Unmanaging,
}
