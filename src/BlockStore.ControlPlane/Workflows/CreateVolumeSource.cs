namespace BlockStore.ControlPlane.Workflows;

/// <summary>
/// The source of a copy, for the create orchestration: the backend that holds it (the copy is made there, without
/// scheduling, as Cinder does) and its storage names; <see cref="SnapshotName"/> is null for a clone of a volume.
/// </summary>
public sealed record CreateVolumeSource(string? Host, string SourceVolumeName, string? SnapshotName);
