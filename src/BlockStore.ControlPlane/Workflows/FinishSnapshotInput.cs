namespace BlockStore.ControlPlane.Workflows;

public sealed record FinishSnapshotInput(string ProjectId, Guid SnapshotId, bool Succeeded, string? ProviderLocation, string? FailureReason);
