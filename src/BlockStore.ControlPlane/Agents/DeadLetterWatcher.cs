using System.Text.Json;
using Azure.Messaging.ServiceBus;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Agents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Agents;

/// <summary>
/// Fails the operation of every command that Service Bus dead-lettered (delivered too often, expired, refused by its
/// agent): the waiting orchestration gets a failed reply naming the broker's reason, instead of waiting out its timeout
/// and blaming the agent. A dead letter is completed only after its event was raised, so a crash here means it is
/// seen again, never lost. The dead-letter queue of a session queue is not sessionful, so one plain receiver serves
/// every backend.
/// </summary>
public sealed class DeadLetterWatcher(
    ServiceBusClient client,
    IServiceProvider services,
    IOptions<ControlPlaneOptions> options,
    ILogger<DeadLetterWatcher> logger) : BackgroundService
{
    private const int BatchSize = 16;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait after the broker or the workflow client failed; tests shorten it.</summary>
    public TimeSpan ErrorDelay { get; init; } = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The Server registers one workflow client for the process; the Functions app binds one per invocation and has
        // none here, so there the dead letters are left for a host that can raise events (see docs/command-transports.md).
        if (services.GetService<IWorkflowClient>() is not { } workflows)
        {
            logger.LogWarning(
                "No workflow client in this host: dead-lettered commands on {QueueName} will not fail their operations here",
                options.Value.ServiceBusQueueName);
            return;
        }

        await using var receiver = client.CreateReceiver(
            options.Value.ServiceBusQueueName,
            new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = ServiceBusReceiveMode.PeekLock });
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = await receiver.ReceiveMessagesAsync(BatchSize, MaxWait, stoppingToken);
                foreach (var message in messages)
                {
                    await FailOperationAsync(receiver, workflows, message, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not receive dead-lettered commands from {QueueName}: {Reason}", receiver.EntityPath, e.Message);
                try
                {
                    await Task.Delay(ErrorDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The failure the operation sees, in words a user can act on.</summary>
    public static string DescribeFailure(string backendHost, string? reason, string? description)
    {
        var why = string.IsNullOrWhiteSpace(description) ? reason ?? "dead-lettered" : $"{reason ?? "dead-lettered"}: {description}";
        return $"The command could not be delivered to backend {backendHost}: {why}";
    }

    private async Task FailOperationAsync(ServiceBusReceiver receiver, IWorkflowClient workflows, ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        var (commandId, instanceId, backendHost) = Identify(message);
        if (instanceId is null)
        {
            // Nothing names an operation to fail; keeping it would only bring it back forever.
            logger.LogWarning(
                "Completing dead-lettered message {MessageId} without failing an operation: it names none ({DeadLetterReason}: {DeadLetterDescription})",
                message.MessageId, message.DeadLetterReason, message.DeadLetterErrorDescription);
            await receiver.CompleteMessageAsync(message, cancellationToken);
            return;
        }

        var reply = new AgentReply
        {
            CommandId = commandId,
            InstanceId = instanceId,
            Succeeded = false,
            Error = DescribeFailure(backendHost, message.DeadLetterReason, message.DeadLetterErrorDescription),
        };
        try
        {
            await workflows.RaiseEventAsync(instanceId, WorkflowNames.AgentReplyEvent, reply, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not fail operation {InstanceId} for dead-lettered command {CommandId}; trying again: {Reason}", instanceId, commandId, e.Message);
            await receiver.AbandonMessageAsync(message, cancellationToken: cancellationToken);
            await Task.Delay(ErrorDelay, cancellationToken);
            return;
        }

        logger.LogWarning("Command {CommandId} was dead-lettered; failed operation {InstanceId}: {Error}", commandId, instanceId, reply.Error);
        await receiver.CompleteMessageAsync(message, cancellationToken);
    }

    private static (string CommandId, string? InstanceId, string BackendHost) Identify(ServiceBusReceivedMessage message)
    {
        AgentCommand? command = null;
        try
        {
            command = message.Body.ToObjectFromJson<AgentCommand>(AgentProtocol.JsonOptions);
        }
        catch (JsonException)
        {
            // An unreadable body may still carry the transport's properties.
        }

        var instanceId = command?.InstanceId ?? Property(message, ServiceBusCommandTransport.InstanceIdProperty);
        var backendHost = command?.BackendHost ?? Property(message, ServiceBusCommandTransport.BackendHostProperty) ?? message.SessionId ?? "(unknown)";
        return (command?.CommandId ?? message.MessageId, string.IsNullOrEmpty(instanceId) ? null : instanceId, backendHost);
    }

    private static string? Property(ServiceBusReceivedMessage message, string name) =>
        message.ApplicationProperties.TryGetValue(name, out var value) ? value as string : null;
}
