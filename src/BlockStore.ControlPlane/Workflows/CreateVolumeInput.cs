namespace BlockStore.ControlPlane.Workflows;

/// <summary>The create orchestration's input; carries the agent timeout so the orchestrator never reads configuration.</summary>
public sealed record CreateVolumeInput(string ProjectId, Guid VolumeId, int SizeGib, string AvailabilityZone, TimeSpan AgentTimeout);
