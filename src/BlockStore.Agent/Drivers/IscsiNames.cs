using System.Text.RegularExpressions;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// iSCSI names that reach tgtadm's command line. A connector's initiator name comes from the attaching host, so it is
/// user text: only RFC 3720 names (<c>iqn.</c>, <c>eui.</c>, <c>naa.</c>) pass, which never start with '-'.
/// </summary>
public static partial class IscsiNames
{
    public static bool IsInitiatorName(string? name) => name is { Length: <= 223 } && InitiatorName().IsMatch(name);

    public static bool IsTargetPrefix(string? prefix) => prefix is { Length: <= 160 } && TargetPrefix().IsMatch(prefix);

    [GeneratedRegex(@"\A(iqn\.[0-9]{4}-[0-9]{2}\.[a-z0-9][a-z0-9.-]*(:[a-z0-9.:_-]+)?|eui\.[0-9a-f]{16}|naa\.(?:[0-9a-f]{16}|[0-9a-f]{32}))\z", RegexOptions.IgnoreCase)]
    private static partial Regex InitiatorName();

    [GeneratedRegex(@"\Aiqn\.[0-9]{4}-[0-9]{2}\.[a-z0-9][a-z0-9.-]*(:[a-z0-9.:_-]*)?\z")]
    private static partial Regex TargetPrefix();
}
