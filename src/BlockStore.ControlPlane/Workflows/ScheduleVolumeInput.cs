namespace BlockStore.ControlPlane.Workflows;

/// <summary>What the schedule activity needs to place one volume; <see cref="ExcludedBackends"/> grows with each reschedule.</summary>
public sealed record ScheduleVolumeInput(Guid VolumeId, int SizeGib, string AvailabilityZone, IReadOnlyList<string> ExcludedBackends)
{
    public string ProjectId { get; init; } = "";

    public IReadOnlyDictionary<string, string> ExtraSpecs { get; init; } = new Dictionary<string, string>();

    /// <summary>Volumes (of the same project) to place beside, resolved to their hosts when scheduling.</summary>
    public IReadOnlyList<Guid> SameHostAs { get; init; } = [];

    /// <summary>Volumes (of the same project) to place away from.</summary>
    public IReadOnlyList<Guid> DifferentHostFrom { get; init; } = [];

    public string? TraceParent { get; init; }
}
