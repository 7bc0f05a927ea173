using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using BlockStore.Agent.Tests.Commands;
using BlockStore.ControlPlane;
using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Agents;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent.Tests.Transport;

/// <summary>The transport contract on Storage queues (one per backend host) in a real Azurite.</summary>
public sealed class StorageQueueTransportTests(AzuriteFixture azurite) : CommandTransportContract, IClassFixture<AzuriteFixture>
{
    // Short, so a message that was wrongly kept shows up again within the test.
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(1);

    private StorageQueueCommandTransport? _transport;

    protected override ICommandTransport Transport => _transport ??= new StorageQueueCommandTransport(
        new StorageClients(Options.Create(new ControlPlaneOptions { StorageConnectionString = azurite.ConnectionString })));

    protected override TimeSpan RedeliveryDelay => VisibilityTimeout;

    protected override IEnumerable<string> AgentTransportArguments() =>
    [
        "--Agent:Transport=StorageQueue",
        $"--Agent:StorageConnectionString={azurite.ConnectionString}",
        $"--Agent:VisibilityTimeout={VisibilityTimeout}",
    ];

    protected override async Task<int> PendingCountAsync(string backendHost)
    {
        try
        {
            return (await Queue(backendHost).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return 0;
        }
    }

    protected override async Task<IReadOnlyList<string>> PendingCommandIdsAsync(string backendHost)
    {
        var queue = Queue(backendHost);
        if (!await queue.ExistsAsync())
        {
            return [];
        }

        // A Storage queue message has an id of its own; the command id travels in the body.
        var messages = (await queue.PeekMessagesAsync(32)).Value;
        return [.. messages.Select(m => JsonSerializer.Deserialize<AgentCommand>(m.Body.ToString(), AgentProtocol.JsonOptions)!.CommandId)];
    }

    // A Storage queue has no duplicate detection: a second send is how the same command arrives twice.
    protected override Task DeliverAgainAsync(AgentCommand command) => Transport.SendAsync(command, CancellationToken.None);

    protected override async Task SendRawAsync(string backendHost, string body)
    {
        var queue = Queue(backendHost);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(body);
    }

    private QueueClient Queue(string backendHost) => new(azurite.ConnectionString, AgentQueues.ForBackendHost(backendHost));
}
