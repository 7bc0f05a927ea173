namespace BlockStore.Testing;

/// <summary>One backend of an agent that <see cref="LocalStack"/> starts: its driver and that driver's settings.</summary>
public sealed record BackendSpec
{
    public required string Name { get; init; }
    public string Driver { get; init; } = "file";
    public string AvailabilityZone { get; init; } = "nova";

    /// <summary>The command journal, and the file driver's volumes.</summary>
    public required string DataDirectory { get; init; }

    public double? CapacityGib { get; init; }

    /// <summary>Driver settings under the backend, as configuration keys relative to it (<c>Rbd:Pool</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
