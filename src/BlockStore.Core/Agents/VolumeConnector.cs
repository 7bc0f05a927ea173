namespace BlockStore.Core.Agents;

/// <summary>Cinder's connector: who is attaching (os-initialize_connection, attachments).</summary>
public sealed record VolumeConnector
{
    /// <summary>The iSCSI initiator name (<c>iqn.…</c>); required for iSCSI exports.</summary>
    public string? Initiator { get; init; }
    public string? Host { get; init; }
    public string? Ip { get; init; }
    public string? Platform { get; init; }
    public string? OsType { get; init; }
    public bool Multipath { get; init; }
}
