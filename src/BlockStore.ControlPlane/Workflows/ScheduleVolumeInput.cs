namespace BlockStore.ControlPlane.Workflows;

public sealed record ScheduleVolumeInput(Guid VolumeId, int SizeGib, string AvailabilityZone, IReadOnlyList<string> ExcludedBackends);
