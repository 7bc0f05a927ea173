using Azure.Messaging.ServiceBus;
using BlockStore.Agent.Backends;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent.Commands;

/// <summary>
/// Receives commands from the Service Bus queue, accepting only the sessions named after this agent's backend hosts,
/// so a backend's commands reach the one agent that holds its session, one at a time and in order. Each message is
/// settled as <see cref="CommandDelivery"/> decides; the processor renews the message and session locks while a
/// command runs, up to <see cref="AgentOptions.MaxAutoLockRenewalDuration"/>.
/// </summary>
internal sealed class ServiceBusCommandReceiver(
    IReadOnlyList<AgentBackend> backends,
    CommandDelivery delivery,
    ServiceBusClient client,
    IOptions<AgentOptions> options,
    ILogger<ServiceBusCommandReceiver> logger) : BackgroundService
{
    private readonly Dictionary<string, AgentBackend> _backendsBySession = backends.ToDictionary(b => b.BackendHost, StringComparer.Ordinal);

    // Cancelled only when the host's shutdown timeout runs out: until then, commands in flight may finish, reply and settle.
    private readonly CancellationTokenSource _abort = new();
    private ServiceBusSessionProcessor? _processor;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(_abort.Cancel);
        if (_processor is not null)
        {
            // Waits for the handlers in flight; what they leave unsettled is redelivered when its lock runs out.
            await _processor.StopProcessingAsync(cancellationToken);
            await _processor.DisposeAsync();
        }

        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var processorOptions = new ServiceBusSessionProcessorOptions
        {
            AutoCompleteMessages = false,
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            MaxConcurrentSessions = Math.Max(1, backends.Count),

            // One at a time per backend: the session's order is the order the control plane sent in.
            MaxConcurrentCallsPerSession = 1,
            MaxAutoLockRenewalDuration = settings.MaxAutoLockRenewalDuration,
        };
        foreach (var backend in backends)
        {
            processorOptions.SessionIds.Add(backend.BackendHost);
            logger.LogInformation(
                "Backend {BackendHost} receives commands from session {SessionId} of Service Bus queue {QueueName}; data directory {DataDirectory}",
                backend.BackendHost, backend.BackendHost, settings.ServiceBusQueueName, backend.DataDirectory);
        }

        _processor = client.CreateSessionProcessor(settings.ServiceBusQueueName, processorOptions);
        _processor.ProcessMessageAsync += ProcessAsync;
        _processor.ProcessErrorAsync += OnErrorAsync;
        await _processor.StartProcessingAsync(stoppingToken);
    }

    private async Task ProcessAsync(ProcessSessionMessageEventArgs args)
    {
        var message = args.Message;
        if (!_backendsBySession.TryGetValue(message.SessionId ?? "", out var backend))
        {
            // Only this agent's sessions are accepted, so this cannot happen; if it does, another agent may own it.
            await args.AbandonMessageAsync(message, cancellationToken: _abort.Token);
            return;
        }

        DeliveryOutcome outcome;
        try
        {
            outcome = await delivery.DeliverAsync(backend, message.Body, _abort.Token);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Shutdown ran out of time: the lock runs out and the command is redelivered.
            return;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Command message {MessageId} of {BackendHost} failed; it will be redelivered", message.MessageId, backend.BackendHost);
            outcome = DeliveryOutcome.Abandon;
        }

        try
        {
            switch (outcome.Settlement)
            {
                case Settlement.Complete:
                    await args.CompleteMessageAsync(message, _abort.Token);
                    break;
                case Settlement.DeadLetter:
                    logger.LogWarning("Dead-lettering message {MessageId} of {BackendHost}: {DeadLetterReason}: {DeadLetterDescription}",
                        message.MessageId, backend.BackendHost, outcome.Reason, outcome.Description);
                    await args.DeadLetterMessageAsync(message, outcome.Reason, outcome.Description, _abort.Token);
                    break;
                default:
                    await args.AbandonMessageAsync(message, cancellationToken: _abort.Token);
                    break;
            }
        }
        catch (ServiceBusException e) when (e.Reason is ServiceBusFailureReason.MessageLockLost or ServiceBusFailureReason.SessionLockLost)
        {
            // The command outlived its lock renewal: it is redelivered, and the journal answers it without running it again.
            logger.LogWarning("Lost the lock of message {MessageId} of {BackendHost} before settling it; it will be redelivered", message.MessageId, backend.BackendHost);
        }
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        if (args.Exception is ServiceBusException { Reason: ServiceBusFailureReason.SessionCannotBeLocked })
        {
            // Another agent serves the same backend and holds its session: this one stands by.
            logger.LogInformation("Session on {EntityPath} is held by another receiver; trying again", args.EntityPath);
        }
        else
        {
            logger.LogWarning("Service Bus {ErrorSource} on {EntityPath} failed: {Reason}", args.ErrorSource, args.EntityPath, args.Exception.Message);
        }

        return Task.CompletedTask;
    }
}
