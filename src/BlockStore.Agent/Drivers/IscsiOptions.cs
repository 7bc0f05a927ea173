namespace BlockStore.Agent.Drivers;

/// <summary>
/// iSCSI export through tgtd (section <c>Agent:Backends:N:Iscsi</c>), after Cinder's TgtAdm helper: one target per
/// volume, CHAP credentials per target, the portal initiators connect to.
/// </summary>
public sealed class IscsiOptions
{
    /// <summary>Exports are on only when this is set.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>target_prefix</c>: target IQN = prefix + volume name.</summary>
    public string TargetPrefix { get; set; } = "iqn.2010-10.org.openstack:";

    /// <summary>The address:port initiators use (<c>target_ip_address</c>, <c>target_port</c>).</summary>
    public string Portal { get; set; } = "127.0.0.1:3260";

    /// <summary>tgtd's management socket, when not the default one (<c>tgtadm -C</c> control port).</summary>
    public int? ControlPort { get; set; }
}
