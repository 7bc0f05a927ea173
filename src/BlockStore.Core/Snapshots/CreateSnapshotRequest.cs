namespace BlockStore.Core.Snapshots;

/// <summary>A validated <c>POST /snapshots</c> body.</summary>
public sealed record CreateSnapshotRequest
{
    public required Guid VolumeId { get; init; }
    public bool Force { get; init; }

    /// <summary>Whether the body named <c>force</c> at all: from 3.66 a false one is refused.</summary>
    public bool ForceGiven { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
