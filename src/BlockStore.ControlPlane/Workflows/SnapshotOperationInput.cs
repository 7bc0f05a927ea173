namespace BlockStore.ControlPlane.Workflows;

/// <summary>Input of the snapshot orchestrations; <see cref="Host"/> is the volume's <c>host@backend#pool</c> (null: never placed).</summary>
public sealed record SnapshotOperationInput(string ProjectId, Guid SnapshotId, Guid VolumeId, string? Host, TimeSpan AgentTimeout);
