using BlockStore.Agent.Backends;
using BlockStore.Agent.Drivers;
using System.Diagnostics;
using BlockStore.Core.Agents;
using BlockStore.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace BlockStore.Agent.Commands;

/// <summary>Runs a command on its backend's driver once per command id and decides the reply.</summary>
internal sealed class CommandHandler(ILogger<CommandHandler> logger)
{
    public async Task<AgentReply> HandleAsync(AgentBackend backend, AgentCommand command, CancellationToken cancellationToken)
    {
        var recorded = await FindRecordedAsync(backend, command, cancellationToken);
        if (recorded is not null)
        {
            logger.LogInformation("Command {CommandId} already ran on {BackendHost}; sending its recorded reply again", command.CommandId, backend.BackendHost);
            return recorded;
        }

        var reply = await RunAsync(backend, command, cancellationToken);
        try
        {
            await backend.Journal.RecordAsync(reply, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still reply: without the record a redelivery runs the driver again, which its idempotency makes safe.
            logger.LogWarning(e, "Could not record command {CommandId} in {JournalDirectory}", command.CommandId, backend.Journal.Directory);
        }

        return reply;
    }

    private async Task<AgentReply?> FindRecordedAsync(AgentBackend backend, AgentCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await backend.Journal.FindAsync(command.CommandId, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            logger.LogWarning(e, "Could not read the record of command {CommandId}; running it again", command.CommandId);
            return null;
        }
    }

    private async Task<AgentReply> RunAsync(AgentBackend backend, AgentCommand command, CancellationToken cancellationToken)
    {
        using var activity = Tracing.StartFrom(AgentTelemetry.Source, $"driver {command.Operation}", command.TraceParent, ActivityKind.Consumer);
        activity?.SetTag("blockstore.backend", backend.BackendHost);
        activity?.SetTag("blockstore.driver", backend.DriverName);
        activity?.SetTag("blockstore.command_id", command.CommandId);
        var reply = await RunDriverAsync(backend, command, cancellationToken);
        activity?.SetStatus(reply.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, reply.Error);
        return reply;
    }

    private async Task<AgentReply> RunDriverAsync(AgentBackend backend, AgentCommand command, CancellationToken cancellationToken)
    {
        if (!string.Equals(command.BackendHost, backend.BackendHost, StringComparison.Ordinal))
        {
            return Failed(command, $"The command was sent to {backend.BackendHost}, but it is meant for {command.BackendHost}.");
        }

        try
        {
            var driver = backend.Driver;
            switch (command.Operation)
            {
                case AgentOperation.CreateVolume:
                    var location = await driver.CreateVolumeAsync(command.VolumeName, command.SizeGib, cancellationToken);
                    logger.LogInformation("Created {VolumeName} ({SizeGib} GiB) at {ProviderLocation}", command.VolumeName, command.SizeGib, location);
                    return Succeeded(command, location);
                case AgentOperation.DeleteVolume:
                    await driver.DeleteVolumeAsync(command.VolumeName, cancellationToken);
                    logger.LogInformation("Deleted {VolumeName} on {BackendHost}", command.VolumeName, backend.BackendHost);
                    return Succeeded(command, null);
                case AgentOperation.ExtendVolume when driver is ISupportsExtend extend:
                    await extend.ExtendVolumeAsync(command.VolumeName, command.SizeGib, cancellationToken);
                    logger.LogInformation("Extended {VolumeName} to {SizeGib} GiB", command.VolumeName, command.SizeGib);
                    return Succeeded(command, null);
                case AgentOperation.CreateSnapshot when driver is ISupportsSnapshots snapshots:
                    var snapshot = await snapshots.CreateSnapshotAsync(command.VolumeName, Required(command.SnapshotName, "snapshot name"), cancellationToken);
                    logger.LogInformation("Created snapshot {SnapshotName} of {VolumeName}", command.SnapshotName, command.VolumeName);
                    return Succeeded(command, snapshot);
                case AgentOperation.DeleteSnapshot when driver is ISupportsSnapshots snapshots:
                    await snapshots.DeleteSnapshotAsync(command.VolumeName, Required(command.SnapshotName, "snapshot name"), cancellationToken);
                    logger.LogInformation("Deleted snapshot {SnapshotName} of {VolumeName}", command.SnapshotName, command.VolumeName);
                    return Succeeded(command, null);
                case AgentOperation.CreateVolumeFromSnapshot when driver is ISupportsSnapshots snapshots:
                    var fromSnapshot = await snapshots.CreateVolumeFromSnapshotAsync(
                        Required(command.SourceVolumeName, "source volume"), Required(command.SnapshotName, "snapshot name"), command.VolumeName, command.SizeGib, cancellationToken);
                    logger.LogInformation("Created {VolumeName} from snapshot {SnapshotName}", command.VolumeName, command.SnapshotName);
                    return Succeeded(command, fromSnapshot);
                case AgentOperation.CloneVolume when driver is ISupportsClones clones:
                    var clone = await clones.CloneVolumeAsync(Required(command.SourceVolumeName, "source volume"), command.VolumeName, command.SizeGib, cancellationToken);
                    logger.LogInformation("Cloned {SourceVolumeName} into {VolumeName}", command.SourceVolumeName, command.VolumeName);
                    return Succeeded(command, clone);
                case AgentOperation.InitializeConnection when driver is ISupportsExport export:
                    var connection = await export.InitializeConnectionAsync(command.VolumeName, Required(command.Connector, "connector"), cancellationToken);
                    logger.LogInformation("Exported {VolumeName} to {Initiator}", command.VolumeName, command.Connector?.Initiator);
                    return Succeeded(command, null) with { ConnectionInfo = connection };
                case AgentOperation.TerminateConnection when driver is ISupportsExport export:
                    await export.TerminateConnectionAsync(command.VolumeName, Required(command.Connector, "connector"), cancellationToken);
                    logger.LogInformation("Withdrew the export of {VolumeName} from {Initiator}", command.VolumeName, command.Connector?.Initiator);
                    return Succeeded(command, null);
                default:
                    return Failed(command, $"The {backend.DriverName} driver of backend {backend.BackendHost} cannot run {command.Operation}.");
            }
        }
        catch (VolumeDriverException e)
        {
            logger.LogWarning("Command {CommandId} ({Operation} {VolumeName}) failed: {Error}", command.CommandId, command.Operation, command.VolumeName, e.Message);
            return Failed(command, e.Message);
        }
    }

    private static T Required<T>(T? value, string what) where T : class =>
        value ?? throw new VolumeDriverException($"The command has no {what}.");

    private static AgentReply Succeeded(AgentCommand command, string? providerLocation) => new()
    {
        CommandId = command.CommandId,
        InstanceId = command.InstanceId,
        Succeeded = true,
        ProviderLocation = providerLocation,
    };

    private static AgentReply Failed(AgentCommand command, string error) => new()
    {
        CommandId = command.CommandId,
        InstanceId = command.InstanceId,
        Succeeded = false,
        Error = error,
    };
}
