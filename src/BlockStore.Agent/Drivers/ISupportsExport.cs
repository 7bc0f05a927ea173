using BlockStore.Core.Agents;

namespace BlockStore.Agent.Drivers;

/// <summary>
/// A driver that exports volumes to hosts (os-initialize_connection / attachments): returns Cinder's connection info
/// for the connector, and withdraws the export again. Both idempotent.
/// </summary>
public interface ISupportsExport
{
    Task<ConnectionInfo> InitializeConnectionAsync(string volumeName, VolumeConnector connector, CancellationToken cancellationToken);

    Task TerminateConnectionAsync(string volumeName, VolumeConnector connector, CancellationToken cancellationToken);
}
