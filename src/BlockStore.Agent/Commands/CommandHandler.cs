using BlockStore.Agent.Backends;
using BlockStore.Agent.Drivers;
using BlockStore.Core.Agents;
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
        if (!string.Equals(command.BackendHost, backend.BackendHost, StringComparison.Ordinal))
        {
            return Failed(command, $"The command was sent to {backend.BackendHost}, but it is meant for {command.BackendHost}.");
        }

        try
        {
            switch (command.Operation)
            {
                case AgentOperation.CreateVolume:
                    var location = await backend.Driver.CreateVolumeAsync(command.VolumeName, command.SizeGib, cancellationToken);
                    logger.LogInformation("Created {VolumeName} ({SizeGib} GiB) at {ProviderLocation}", command.VolumeName, command.SizeGib, location);
                    return Succeeded(command, location);
                case AgentOperation.DeleteVolume:
                    await backend.Driver.DeleteVolumeAsync(command.VolumeName, cancellationToken);
                    logger.LogInformation("Deleted {VolumeName} on {BackendHost}", command.VolumeName, backend.BackendHost);
                    return Succeeded(command, null);
                default:
                    return Failed(command, $"This agent cannot run the operation {command.Operation}.");
            }
        }
        catch (VolumeDriverException e)
        {
            logger.LogWarning("Command {CommandId} ({Operation} {VolumeName}) failed: {Error}", command.CommandId, command.Operation, command.VolumeName, e.Message);
            return Failed(command, e.Message);
        }
    }

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
