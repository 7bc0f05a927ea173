namespace BlockStore.ControlPlane.Workflows;

public sealed record FinishExtendInput(string ProjectId, Guid VolumeId, int OldSizeGib, int NewSizeGib, bool Succeeded, string? FailureReason);
