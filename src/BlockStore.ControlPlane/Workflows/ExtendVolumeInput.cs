namespace BlockStore.ControlPlane.Workflows;

/// <summary>Input of the extend orchestration; the quota for <c>NewSizeGib - OldSizeGib</c> is reserved by the API.</summary>
public sealed record ExtendVolumeInput(string ProjectId, Guid VolumeId, string? Host, int OldSizeGib, int NewSizeGib, TimeSpan AgentTimeout);
