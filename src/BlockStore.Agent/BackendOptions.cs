namespace BlockStore.Agent;

/// <summary>One backend of this agent (an entry of <c>Agent:Backends</c>); it serves one pool.</summary>
public sealed class BackendOptions
{
    /// <summary>The <c>backend</c> of <c>host@backend</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Only <c>file</c> exists so far.</summary>
    public string Driver { get; set; } = "";

    public string AvailabilityZone { get; set; } = "nova";

    /// <summary>Defaults to <see cref="Name"/>.</summary>
    public string? PoolName { get; set; }

    /// <summary>Where the file driver keeps volumes (<c>volumes/</c>) and the command journal (<c>.commands/</c>).</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>When set, the pool's size instead of the file system's: free = this − allocated.</summary>
    public double? CapacityGib { get; set; }

    public int ReservedPercentage { get; set; }

    public string EffectivePoolName => string.IsNullOrWhiteSpace(PoolName) ? Name : PoolName;
}
