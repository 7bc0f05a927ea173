namespace BlockStore.Agent;

/// <summary>One backend of this agent (an entry of <c>Agent:Backends</c>); it serves one pool.</summary>
public sealed class BackendOptions
{
    /// <summary>The <c>backend</c> of <c>host@backend</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>file</c>, <c>rbd</c> or <c>lvm</c> (see <see cref="Drivers.DriverFactory"/>).</summary>
    public string Driver { get; set; } = "";

    public string AvailabilityZone { get; set; } = "nova";

    /// <summary>Defaults to <see cref="Name"/>.</summary>
    public string? PoolName { get; set; }

    /// <summary>The command journal (<c>.commands/</c>) of every driver, and the file driver's volumes (<c>volumes/</c>).</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>When set, the pool's size instead of the file system's: free = this − allocated.</summary>
    public double? CapacityGib { get; set; }

    public int ReservedPercentage { get; set; }

    public Drivers.RbdOptions Rbd { get; set; } = new();

    public Drivers.LvmOptions Lvm { get; set; } = new();

    public Drivers.IscsiOptions Iscsi { get; set; } = new();

    public string EffectivePoolName => string.IsNullOrWhiteSpace(PoolName) ? Name : PoolName;
}
