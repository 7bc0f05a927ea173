namespace BlockStore.Agent.Drivers;

/// <summary>The drivers an agent can run, by the name a backend's configuration gives.</summary>
public static class DriverFactory
{
    public const string File = "file";
    public const string Rbd = "rbd";
    public const string Lvm = "lvm";

    public static IReadOnlyList<string> Names { get; } = [File, Rbd, Lvm];

    public static IVolumeDriver Create(BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Driver.ToLowerInvariant() switch
        {
            File => new FileVolumeDriver(options),
            Lvm => new LvmVolumeDriver(options),
            Rbd => new RbdVolumeDriver(options),
            _ => throw new ArgumentException($"Unknown driver '{options.Driver}'.", nameof(options)),
        };
    }
}
