namespace BlockStore.Testing;

/// <summary>
/// One agent process, as <see cref="LocalStack"/> starts it: either one file backend (the shorthand properties) or the
/// backends listed in <see cref="Backends"/>.
/// </summary>
public sealed record AgentSpec
{
    public required string HostName { get; init; }
    public string BackendName { get; init; } = "file";
    public string AvailabilityZone { get; init; } = "nova";
    public string DataDirectory { get; init; } = "";

    /// <summary>Reported pool size; null reports the file system's.</summary>
    public double? CapacityGib { get; init; }

    /// <summary>Several backends in one agent; when empty, the one file backend described above.</summary>
    public IReadOnlyList<BackendSpec> Backends { get; init; } = [];

    public string BackendHost => $"{HostName}@{BackendName}";

    public IReadOnlyList<BackendSpec> EffectiveBackends => Backends.Count > 0
        ? Backends
        : [new BackendSpec { Name = BackendName, AvailabilityZone = AvailabilityZone, DataDirectory = DataDirectory, CapacityGib = CapacityGib }];
}
