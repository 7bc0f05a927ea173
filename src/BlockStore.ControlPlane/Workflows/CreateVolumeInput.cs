namespace BlockStore.ControlPlane.Workflows;

/// <summary>The create orchestration's input; carries the agent timeout so the orchestrator never reads configuration.</summary>
public sealed record CreateVolumeInput(string ProjectId, Guid VolumeId, int SizeGib, string AvailabilityZone, TimeSpan AgentTimeout)
{
    /// <summary>The volume type's extra specs as they were when the create was accepted; they steer placement.</summary>
    public IReadOnlyDictionary<string, string> ExtraSpecs { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<Guid> SameHostAs { get; init; } = [];

    public IReadOnlyList<Guid> DifferentHostFrom { get; init; } = [];

    /// <summary>Set when the volume is a copy of a snapshot or of another volume.</summary>
    public CreateVolumeSource? Source { get; init; }

    /// <summary>The API request's <c>traceparent</c>: the orchestration's activities and the agent join its trace.</summary>
    public string? TraceParent { get; init; }
}
