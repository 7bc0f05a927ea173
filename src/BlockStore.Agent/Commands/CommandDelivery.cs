using System.Net;
using System.Text.Json;
using BlockStore.Agent.Backends;
using BlockStore.Core.Agents;
using Microsoft.Extensions.Logging;

namespace BlockStore.Agent.Commands;

/// <summary>
/// One delivery of a command message, whatever the transport: read it, run it once (the journal), reply, and decide
/// the message's fate. The rule lives here only: a message is removed once the control plane took the reply or
/// refused it for good, and kept for redelivery otherwise, so a crash anywhere means redelivery, never loss.
/// </summary>
internal sealed class CommandDelivery(CommandHandler handler, ControlPlaneClient controlPlane, ILogger<CommandDelivery> logger)
{
    public const string UnreadableCommand = "UnreadableCommand";
    public const string UnsupportedSchemaVersion = "UnsupportedSchemaVersion";
    public const string ReplyRefused = "ReplyRefused";

    public async Task<DeliveryOutcome> DeliverAsync(AgentBackend backend, BinaryData body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(body);
        var (command, unreadable) = Parse(body);
        if (command is null)
        {
            // It can never succeed; keeping it would only redeliver it forever.
            return unreadable!;
        }

        var reply = await handler.HandleAsync(backend, command, cancellationToken);
        HttpStatusCode status;
        try
        {
            status = await controlPlane.SendReplyAsync(reply, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("Could not deliver the reply to command {CommandId}; it will be redelivered: {Reason}", command.CommandId, e.Message);
            return DeliveryOutcome.Abandon;
        }

        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            return DeliveryOutcome.Complete;
        }

        if (code is >= 400 and < 500 && status is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests)
        {
            // The control plane will never take it (e.g. the operation is long over): retrying cannot help.
            logger.LogWarning("The control plane refused the reply to command {CommandId} with {StatusCode}; dropping the command", command.CommandId, code);
            return DeliveryOutcome.DeadLetter(ReplyRefused, $"The control plane refused the reply to command {command.CommandId} with {code}.");
        }

        logger.LogWarning("The control plane answered {StatusCode} to the reply to command {CommandId}; it will be redelivered", code, command.CommandId);
        return DeliveryOutcome.Abandon;
    }

    private static (AgentCommand? Command, DeliveryOutcome? Unreadable) Parse(BinaryData body)
    {
        AgentCommand? command;
        try
        {
            // The version first: a newer schema may lack what this one requires, and "unknown version" is the useful reason then.
            using (var document = JsonDocument.Parse(body))
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("schemaVersion", out var version)
                    && (!version.TryGetInt32(out var number) || number != AgentCommand.CurrentSchemaVersion))
                {
                    return (null, DeliveryOutcome.DeadLetter(UnsupportedSchemaVersion, $"Schema version {version.GetRawText()} is unknown to this agent."));
                }
            }

            command = body.ToObjectFromJson<AgentCommand>(AgentProtocol.JsonOptions);
        }
        catch (JsonException e)
        {
            return (null, DeliveryOutcome.DeadLetter(UnreadableCommand, $"It is not an agent command ({e.Message})."));
        }

        return command switch
        {
            null => (null, DeliveryOutcome.DeadLetter(UnreadableCommand, "It is not an agent command (null).")),
            _ when string.IsNullOrWhiteSpace(command.CommandId) || string.IsNullOrWhiteSpace(command.InstanceId) =>
                (null, DeliveryOutcome.DeadLetter(UnreadableCommand, "It has no command id or instance id.")),
            _ => (command, null),
        };
    }
}
