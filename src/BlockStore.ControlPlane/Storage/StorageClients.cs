using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Storage;

/// <summary>
/// Storage service clients from configuration: a connection string locally (Azurite), the account name and a
/// managed identity in Azure, where the account has shared keys switched off.
/// </summary>
public sealed class StorageClients(IOptions<ControlPlaneOptions> options)
{
    private readonly ControlPlaneOptions _options = options.Value;
    private readonly Lazy<DefaultAzureCredential> _credential = new(() => new DefaultAzureCredential(
        new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.Value.ManagedIdentityClientId }));

    public TableServiceClient Tables() => _options.StorageAccountName is { Length: > 0 } account
        ? new TableServiceClient(new Uri($"https://{account}.table.core.windows.net"), _credential.Value)
        : new TableServiceClient(_options.StorageConnectionString);

    public QueueServiceClient Queues() => _options.StorageAccountName is { Length: > 0 } account
        ? new QueueServiceClient(new Uri($"https://{account}.queue.core.windows.net"), _credential.Value)
        : new QueueServiceClient(_options.StorageConnectionString);
}
