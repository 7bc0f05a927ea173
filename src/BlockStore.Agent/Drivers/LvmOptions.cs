namespace BlockStore.Agent.Drivers;

/// <summary>Settings of an <c>lvm</c> backend (section <c>Agent:Backends:N:Lvm</c>), after Cinder's LVM driver options.</summary>
public sealed class LvmOptions
{
    /// <summary>The volume group volumes live in (<c>volume_group</c>).</summary>
    public string VolumeGroup { get; set; } = "cinder-volumes";

    /// <summary><c>thin</c> or <c>default</c> (thick), as Cinder's <c>lvm_type</c>.</summary>
    public string Type { get; set; } = "default";

    /// <summary>The thin pool's name for <c>thin</c>; defaults to <c>{VolumeGroup}-pool</c> as in Cinder.</summary>
    public string? ThinPool { get; set; }

    /// <summary>An <c>LVM_SYSTEM_DIR</c> for the LVM tools (its lvm.conf), or null for the system's.</summary>
    public string? SystemDirectory { get; set; }

    public double MaxOverSubscriptionRatio { get; set; } = 20.0;
}
