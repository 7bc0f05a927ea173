namespace BlockStore.Core.Volumes;

/// <summary>A validated <c>POST /volumes</c> body.</summary>
public sealed record CreateVolumeRequest
{
    public required int SizeGib { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? AvailabilityZone { get; init; }
    public string? VolumeType { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Cinder's <c>same_host</c> scheduler hint: place beside these volumes.</summary>
    public IReadOnlyList<Guid> SameHostAs { get; init; } = [];

    /// <summary>Cinder's <c>different_host</c> scheduler hint: place away from these volumes.</summary>
    public IReadOnlyList<Guid> DifferentHostFrom { get; init; } = [];
}
