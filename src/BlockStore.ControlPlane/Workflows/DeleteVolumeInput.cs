namespace BlockStore.ControlPlane.Workflows;

/// <summary>The delete orchestration's input; <see cref="Host"/> is null for a volume that never got placed.</summary>
public sealed record DeleteVolumeInput(string ProjectId, Guid VolumeId, string? Host, TimeSpan AgentTimeout)
{
    /// <summary>The API request's <c>traceparent</c>.</summary>
    public string? TraceParent { get; init; }

    /// <summary>For a cascade delete, the volume's snapshots (already <c>deleting</c>), deleted before the volume.</summary>
    public IReadOnlyList<SnapshotOperationInput> Snapshots { get; init; } = [];
}
