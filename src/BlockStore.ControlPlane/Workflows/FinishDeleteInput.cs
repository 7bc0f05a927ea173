namespace BlockStore.ControlPlane.Workflows;

public sealed record FinishDeleteInput(string ProjectId, Guid VolumeId, bool Succeeded, string? FailureReason);
