namespace BlockStore.Testing;

/// <summary>One agent process with one file backend, as <see cref="LocalStack"/> starts it.</summary>
public sealed record AgentSpec
{
    public required string HostName { get; init; }
    public string BackendName { get; init; } = "file";
    public string AvailabilityZone { get; init; } = "nova";
    public required string DataDirectory { get; init; }

    /// <summary>Reported pool size; null reports the file system's.</summary>
    public double? CapacityGib { get; init; }

    public string BackendHost => $"{HostName}@{BackendName}";
}
