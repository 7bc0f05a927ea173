using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using BlockStore.Core.Agents;
using BlockStore.ControlPlane.Storage;

namespace BlockStore.ControlPlane.Agents;

/// <summary>The local transport: one Storage queue per backend host, the command as plain JSON text.</summary>
public sealed class StorageQueueCommandTransport(StorageClients clients) : ICommandTransport
{
    private readonly QueueServiceClient _service = clients.Queues();
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new();

    public async Task SendAsync(AgentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var queue = await _queues.GetOrAdd(AgentQueues.ForBackendHost(command.BackendHost), CreateQueue).Value;
        await queue.SendMessageAsync(JsonSerializer.Serialize(command, AgentProtocol.JsonOptions), cancellationToken);
    }

    private Lazy<Task<QueueClient>> CreateQueue(string name) => new(async () =>
    {
        var queue = _service.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        return queue;
    });
}
