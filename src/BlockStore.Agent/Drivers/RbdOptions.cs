namespace BlockStore.Agent.Drivers;

/// <summary>Settings of an <c>rbd</c> backend (section <c>Agent:Backends:N:Rbd</c>), after Cinder's RBD driver options.</summary>
public sealed class RbdOptions
{
    /// <summary>The Ceph pool volumes live in (<c>rbd_pool</c>).</summary>
    public string Pool { get; set; } = "rbd";

    /// <summary>The cluster's configuration file (<c>rbd_ceph_conf</c>).</summary>
    public string CephConf { get; set; } = "/etc/ceph/ceph.conf";

    /// <summary>The cluster's name in connection info (<c>rbd_cluster_name</c>).</summary>
    public string ClusterName { get; set; } = "ceph";

    /// <summary>The cephx user without the <c>client.</c> prefix (<c>rbd_user</c>).</summary>
    public string User { get; set; } = "admin";

    /// <summary>Optional keyring path; Ceph's default lookup otherwise.</summary>
    public string? Keyring { get; set; }

    /// <summary>The libvirt secret that holds the user's key on compute hosts (<c>rbd_secret_uuid</c>), returned in connection info.</summary>
    public string? SecretUuid { get; set; }

    /// <summary>Clones deeper than this are flattened (<c>rbd_max_clone_depth</c>); 0 flattens every clone.</summary>
    public int MaxCloneDepth { get; set; } = 5;

    /// <summary>Thin pools promise up to this many times their size (<c>max_over_subscription_ratio</c>).</summary>
    public double MaxOverSubscriptionRatio { get; set; } = 20.0;

    /// <summary>How long a tool may wait for the monitors before giving up (<c>rados_connect_timeout</c>).</summary>
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>How long one <c>rbd</c>/<c>ceph</c> call may take; a flatten, which copies data, gets ten times this.</summary>
    public int CommandTimeoutSeconds { get; set; } = 120;

    /// <summary>Adds a sentence to <paramref name="failures"/> for every setting the driver could not work with.</summary>
    public void Validate(string key, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);

        // The pool and user end up inside "pool/image@snap" specs and "client.<user>" names: keep them plain.
        if (!IsPlainName(Pool))
        {
            failures.Add($"{key}:Pool '{Pool}' is required and must be letters, digits, '.', '-' or '_'.");
        }

        if (!IsPlainName(User) || User.StartsWith("client.", StringComparison.Ordinal))
        {
            failures.Add($"{key}:User '{User}' is required and must be the cephx id without 'client.' (for example 'cinder'), in letters, digits, '.', '-' or '_'.");
        }

        if (!IsPlainName(ClusterName))
        {
            failures.Add($"{key}:ClusterName '{ClusterName}' must be letters, digits, '.', '-' or '_'.");
        }

        if (string.IsNullOrWhiteSpace(CephConf) || !File.Exists(CephConf))
        {
            failures.Add($"{key}:CephConf '{CephConf}' is not a readable file: point it at the cluster's ceph.conf.");
        }

        if (Keyring is not null && !File.Exists(Keyring))
        {
            failures.Add($"{key}:Keyring '{Keyring}' does not exist: point it at client.{User}'s keyring or leave it unset.");
        }

        if (SecretUuid is not null && !Guid.TryParse(SecretUuid, out _))
        {
            failures.Add($"{key}:SecretUuid '{SecretUuid}' is not a UUID (it names the libvirt secret holding client.{User}'s key).");
        }

        if (MaxCloneDepth < 0)
        {
            failures.Add($"{key}:MaxCloneDepth must be 0 or more.");
        }

        if (!(MaxOverSubscriptionRatio >= 1.0) || double.IsInfinity(MaxOverSubscriptionRatio))
        {
            failures.Add($"{key}:MaxOverSubscriptionRatio must be a number of at least 1.0.");
        }

        if (ConnectTimeoutSeconds <= 0 || CommandTimeoutSeconds <= 0)
        {
            failures.Add($"{key}:ConnectTimeoutSeconds and CommandTimeoutSeconds must be more than zero.");
        }
    }

    private static bool IsPlainName(string? value) =>
        !string.IsNullOrEmpty(value) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
