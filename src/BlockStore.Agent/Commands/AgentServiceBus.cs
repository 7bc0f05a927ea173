using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace BlockStore.Agent.Commands;

/// <summary>The agent's Service Bus client: its namespace with an Entra ID identity (local auth is off there), or a connection string.</summary>
internal static class AgentServiceBus
{
    public static ServiceBusClient CreateClient(AgentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new ServiceBusClientOptions
        {
            TransportType = options.ServiceBusWebSockets ? ServiceBusTransportType.AmqpWebSockets : ServiceBusTransportType.AmqpTcp,
        };
        if (options.ServiceBusNamespace is { Length: > 0 } fullyQualifiedNamespace)
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId });
            return new ServiceBusClient(fullyQualifiedNamespace, credential, clientOptions);
        }

        return new ServiceBusClient(options.ServiceBusConnectionString, clientOptions);
    }
}
