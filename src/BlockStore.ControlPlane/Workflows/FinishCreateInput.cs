namespace BlockStore.ControlPlane.Workflows;

/// <summary>How a create ended; <see cref="Host"/> is kept even on failure so a later delete cleans the backend up.</summary>
public sealed record FinishCreateInput(string ProjectId, Guid VolumeId, bool Succeeded, string? Host, string? ProviderLocation, string? FailureReason)
{
    public string? TraceParent { get; init; }
}
