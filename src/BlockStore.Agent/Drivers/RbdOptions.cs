namespace BlockStore.Agent.Drivers;

/// <summary>Settings of an <c>rbd</c> backend (section <c>Agent:Backends:N:Rbd</c>), after Cinder's RBD driver options.</summary>
public sealed class RbdOptions
{
    /// <summary>The Ceph pool volumes live in (<c>rbd_pool</c>).</summary>
    public string Pool { get; set; } = "rbd";

    /// <summary>The cluster's configuration file (<c>rbd_ceph_conf</c>).</summary>
    public string CephConf { get; set; } = "/etc/ceph/ceph.conf";

    /// <summary>The cephx user without the <c>client.</c> prefix (<c>rbd_user</c>).</summary>
    public string User { get; set; } = "admin";

    /// <summary>Optional keyring path; Ceph's default lookup otherwise.</summary>
    public string? Keyring { get; set; }

    /// <summary>The libvirt secret that holds the user's key on compute hosts (<c>rbd_secret_uuid</c>), returned in connection info.</summary>
    public string? SecretUuid { get; set; }

    /// <summary>Clones deeper than this are flattened (<c>rbd_max_clone_depth</c>).</summary>
    public int MaxCloneDepth { get; set; } = 5;

    /// <summary>Thin pools promise up to this many times their size (<c>max_over_subscription_ratio</c>).</summary>
    public double MaxOverSubscriptionRatio { get; set; } = 20.0;
}
