using Azure.Messaging.ServiceBus;

namespace BlockStore.Agent.Tests.Transport;

/// <summary>
/// A session processor over <see cref="InMemoryServiceBus"/>: it serves exactly the sessions its options name, as the
/// real one does with <see cref="ServiceBusSessionProcessorOptions.SessionIds"/>, and raises the handler through the
/// SDK's test hook (<c>OnProcessSessionMessageAsync</c>) with the SDK's own event args.
/// </summary>
internal sealed class InMemorySessionProcessor(InMemoryServiceBus broker, ServiceBusClient client, string queueName, ServiceBusSessionProcessorOptions options)
    : ServiceBusSessionProcessor(client, queueName, options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private readonly CancellationTokenSource _stopping = new();
    private readonly IReadOnlyList<string> _sessionIds = [.. options.SessionIds];
    private Task _pump = Task.CompletedTask;

    public override Task StartProcessingAsync(CancellationToken cancellationToken = default)
    {
        _pump = Task.WhenAll(_sessionIds.Select(sessionId => Task.Run(() => PumpAsync(sessionId))));
        return Task.CompletedTask;
    }

    public override async Task StopProcessingAsync(CancellationToken cancellationToken = default)
    {
        await _stopping.CancelAsync();
        await _pump;
    }

    public override async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        await StopProcessingAsync(cancellationToken);
        _stopping.Dispose();
    }

    private async Task PumpAsync(string sessionId)
    {
        var receiver = broker.CreateSessionReceiver(sessionId);
        while (!_stopping.IsCancellationRequested)
        {
            var message = broker.TryLockNext(sessionId);
            if (message is null)
            {
                await Task.Delay(PollInterval, CancellationToken.None);
                continue;
            }

            try
            {
                await OnProcessSessionMessageAsync(new ProcessSessionMessageEventArgs(message, receiver, _stopping.Token));
            }
            catch (Exception e)
            {
                await OnProcessErrorAsync(new ProcessErrorEventArgs(e, ServiceBusErrorSource.ProcessMessageCallback, FullyQualifiedNamespace, EntityPath, Identifier, _stopping.Token));
            }
        }
    }
}
