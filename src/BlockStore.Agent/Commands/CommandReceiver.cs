using System.Net;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using BlockStore.Agent.Backends;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent.Commands;

/// <summary>
/// Receives each backend's commands from its Storage queue (the local transport) and settles each message as
/// <see cref="CommandDelivery"/> decides: deleted once the reply was taken or the command can never succeed, left
/// for redelivery after its visibility timeout otherwise.
/// </summary>
internal sealed class CommandReceiver(
    IReadOnlyList<AgentBackend> backends,
    CommandDelivery delivery,
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
            var outcome = await delivery.DeliverAsync(backend, message.Body, cancellationToken);
            switch (outcome.Settlement)
            {
                case Settlement.Complete:
                    await DeleteAsync(queue, message, cancellationToken);
                    break;
                case Settlement.DeadLetter:
                    // Storage queues have no dead-letter queue: the log keeps the reason.
                    logger.LogWarning("Deleting message {MessageId} from {QueueName}: {DeadLetterReason}: {DeadLetterDescription}",
                        message.MessageId, queue.Name, outcome.Reason, outcome.Description);
                    await DeleteAsync(queue, message, cancellationToken);
                    break;
                default:
                    // Left alone: it becomes visible again after its visibility timeout.
                    break;
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
