using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BlockStore.Agent.Backends;
using BlockStore.Core.Agents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent.Commands;

/// <summary>
/// Receives each backend's commands from its Storage queue, runs them and replies. A message is deleted only
/// once the control plane took the reply (or refused it for good), so a crash anywhere means redelivery,
/// never loss; the journal keeps a redelivery from running the driver twice.
/// </summary>
internal sealed class CommandReceiver(
    IReadOnlyList<AgentBackend> backends,
    CommandHandler handler,
    ControlPlaneClient controlPlane,
    IOptions<AgentOptions> options,
    ILogger<CommandReceiver> logger) : BackgroundService
{
    private const int BatchSize = 16;
    private const int MaxConcurrentCommands = 8;
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan StorageErrorDelay = TimeSpan.FromSeconds(1);

    // Cancelled only when the host's shutdown timeout runs out: until then, commands in flight may finish and reply.
    private readonly CancellationTokenSource _abort = new();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var backend in backends)
        {
            logger.LogInformation(
                "Backend {BackendHost} receives commands from queue {QueueName}; data directory {DataDirectory}",
                backend.BackendHost, backend.QueueName, backend.DataDirectory);
        }

        return Task.WhenAll(backends.Select(backend => ReceiveAsync(backend, stoppingToken)));
    }

    private async Task ReceiveAsync(AgentBackend backend, CancellationToken stoppingToken)
    {
        var queue = new QueueClient(options.Value.StorageConnectionString, backend.QueueName);
        var queueExists = false;
        var idleDelay = FirstPollDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!queueExists)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    queueExists = true;
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(BatchSize, options.Value.VisibilityTimeout, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(idleDelay, stoppingToken);
                    idleDelay = TimeSpan.FromTicks(Math.Min(idleDelay.Ticks * 2, options.Value.MaxPollInterval.Ticks));
                    continue;
                }

                idleDelay = FirstPollDelay;
                await Parallel.ForEachAsync(
                    messages,
                    new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentCommands },
                    async (message, _) => await ProcessAsync(backend, queue, message, _abort.Token));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning("Could not receive from queue {QueueName} of {BackendHost}: {Reason}", backend.QueueName, backend.BackendHost, e.Message);
                try
                {
                    await Task.Delay(StorageErrorDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ProcessAsync(AgentBackend backend, QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var command = Parse(message, out var problem);
            if (command is null)
            {
                // It can never succeed; keeping it would only redeliver it forever.
                logger.LogWarning("Deleting message {MessageId} from {QueueName}: {Problem}", message.MessageId, queue.Name, problem);
                await DeleteAsync(queue, message, cancellationToken);
                return;
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
                return;
            }

            var code = (int)status;
            if (code is >= 200 and < 300)
            {
                await DeleteAsync(queue, message, cancellationToken);
            }
            else if (code is >= 400 and < 500 && status is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests)
            {
                // The control plane will never take it (e.g. the operation is long over): retrying cannot help.
                logger.LogWarning("The control plane refused the reply to command {CommandId} with {StatusCode}; dropping the command", command.CommandId, code);
                await DeleteAsync(queue, message, cancellationToken);
            }
            else
            {
                logger.LogWarning("The control plane answered {StatusCode} to the reply to command {CommandId}; it will be redelivered", code, command.CommandId);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown ran out of time: the message becomes visible again and is redelivered.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Command message {MessageId} on {QueueName} failed; it will be redelivered", message.MessageId, queue.Name);
        }
    }

    private static AgentCommand? Parse(QueueMessage message, out string problem)
    {
        AgentCommand? command;
        try
        {
            command = JsonSerializer.Deserialize<AgentCommand>(message.Body.ToString(), AgentProtocol.JsonOptions);
        }
        catch (JsonException e)
        {
            problem = $"it is not an agent command ({e.Message})";
            return null;
        }

        problem = command switch
        {
            null => "it is not an agent command (null)",
            { SchemaVersion: not AgentCommand.CurrentSchemaVersion } => $"schema version {command.SchemaVersion} is unknown to this agent",
            _ when string.IsNullOrWhiteSpace(command.CommandId) || string.IsNullOrWhiteSpace(command.InstanceId) => "it has no command id or instance id",
            _ => "",
        };
        return problem.Length == 0 ? command : null;
    }

    private async Task DeleteAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // Its visibility ran out and someone received it again; that delivery will reply from the journal.
            logger.LogInformation("Message {MessageId} on {QueueName} was already gone or received again", message.MessageId, queue.Name);
        }
    }
}
