using Azure.Messaging.ServiceBus;
using BlockStore.Core.Agents;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Agents;

/// <summary>
/// The transport in Azure: one session-enabled queue. The session is the backend host, so only the agent that holds
/// that session receives the command, in order; the message id is the command id, so the queue's duplicate detection
/// drops a command that an activity retry sends twice.
/// </summary>
public sealed class ServiceBusCommandTransport : ICommandTransport, IAsyncDisposable
{
    /// <summary>Application properties that name the operation even when the body cannot be read (see <see cref="DeadLetterWatcher"/>).</summary>
    public const string InstanceIdProperty = "InstanceId";

    public const string BackendHostProperty = "BackendHost";

    private readonly ServiceBusSender _sender;
    private readonly TimeSpan _timeToLive;

    public ServiceBusCommandTransport(ServiceBusClient client, IOptions<ControlPlaneOptions> options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _sender = client.CreateSender(options.Value.ServiceBusQueueName);
        _timeToLive = options.Value.CommandTimeToLive ?? options.Value.AgentTimeout;
    }

    public async Task SendAsync(AgentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var message = new ServiceBusMessage(BinaryData.FromObjectAsJson(command, AgentProtocol.JsonOptions))
        {
            ContentType = "application/json",
            MessageId = command.CommandId,
            SessionId = command.BackendHost,
            Subject = command.Operation.ToString(),
            TimeToLive = _timeToLive,
            ApplicationProperties =
            {
                [InstanceIdProperty] = command.InstanceId,
                [BackendHostProperty] = command.BackendHost,
            },
        };
        await _sender.SendMessageAsync(message, cancellationToken);
    }

    public ValueTask DisposeAsync() => _sender.DisposeAsync();
}
