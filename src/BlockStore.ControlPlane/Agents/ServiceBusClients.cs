using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace BlockStore.ControlPlane.Agents;

/// <summary>
/// The Service Bus client from configuration, as <see cref="Storage.StorageClients"/> does for storage: the namespace and a
/// managed identity in Azure (the namespace has local auth off), a connection string otherwise. One per process: it owns
/// the AMQP connection that every sender and receiver shares.
/// </summary>
public static class ServiceBusClients
{
    public static ServiceBusClient Create(ControlPlaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ServiceBusNamespace is { Length: > 0 } fullyQualifiedNamespace)
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId });
            return new ServiceBusClient(fullyQualifiedNamespace, credential);
        }

        if (options.ServiceBusConnectionString is { Length: > 0 } connectionString)
        {
            return new ServiceBusClient(connectionString);
        }

        throw new InvalidOperationException(
            $"{ControlPlaneOptions.Section}:{nameof(ControlPlaneOptions.CommandTransport)} is {ControlPlaneOptions.ServiceBusTransport}, but neither " +
            $"{ControlPlaneOptions.Section}:{nameof(ControlPlaneOptions.ServiceBusNamespace)} nor {ControlPlaneOptions.Section}:{nameof(ControlPlaneOptions.ServiceBusConnectionString)} is set.");
    }
}
