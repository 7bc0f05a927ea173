namespace BlockStore.Core.Volumes;

/// <summary>Cinder's volume status values (cinder/objects/fields.py VolumeStatus); the wire names are in <see cref="VolumeStatusNames"/>.</summary>
public enum VolumeStatus
{
    Creating,
    Available,
    Deleting,
    Error,
    ErrorDeleting,
    ErrorManaging,
    Managing,
    Attaching,
    InUse,
    Detaching,
    Maintenance,
    RestoringBackup,
    ErrorRestoring,
    Reserved,
    AwaitingTransfer,
    BackingUp,
    ErrorBackingUp,
    ErrorExtending,
    Downloading,
    Uploading,
    Retyping,
    Extending,
}
