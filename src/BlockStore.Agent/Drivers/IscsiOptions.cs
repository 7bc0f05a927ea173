using System.Globalization;
using System.Net;

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

    /// <summary>How long one tgtadm call may take before the operation fails.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Adds what is wrong with these settings to <paramref name="failures"/> (only when exports are on).</summary>
    public void Validate(string key, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!Enabled)
        {
            return;
        }

        if (!IscsiNames.IsTargetPrefix(TargetPrefix))
        {
            failures.Add($"{key}:TargetPrefix '{TargetPrefix}' must be an IQN prefix such as 'iqn.2010-10.org.openstack:' (lower-case letters, digits, '.', '-', ':').");
        }

        if (!TryParsePortal(Portal, out _, out _))
        {
            failures.Add($"{key}:Portal '{Portal}' must be address:port, e.g. '192.0.2.10:3260' or '[2001:db8::1]:3260'.");
        }

        if (ControlPort is < 0 or > 32767)
        {
            failures.Add($"{key}:ControlPort must be between 0 and 32767 when set (tgtd's -C range).");
        }

        if (CommandTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{key}:CommandTimeout must be longer than zero.");
        }
    }

    internal static bool TryParsePortal(string? portal, out string host, out int port)
    {
        host = "";
        port = 0;
        if (string.IsNullOrWhiteSpace(portal) || !IPEndPoint.TryParse(portal, out var endpoint) || endpoint.Port == 0)
        {
            return false;
        }

        host = endpoint.Address.ToString();
        port = endpoint.Port;
        return portal.EndsWith(":" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
