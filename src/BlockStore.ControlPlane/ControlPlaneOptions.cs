using BlockStore.Core.Quotas;

namespace BlockStore.ControlPlane;

/// <summary>Settings shared by both hosts (section <c>BlockStore</c>).</summary>
public sealed class ControlPlaneOptions
{
    public const string Section = "BlockStore";

    /// <summary>Tables and queues by connection string; Azurite's development account by default. Ignored when <see cref="StorageAccountName"/> is set.</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>In Azure: the storage account, reached with a managed identity (shared keys are off there).</summary>
    public string? StorageAccountName { get; set; }

    /// <summary>The client id of the user-assigned identity to use; null uses the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix of every table BlockStore creates, so several deployments can share an account.</summary>
    public string TablePrefix { get; set; } = "BlockStore";

    /// <summary>The local command transport, one Storage queue per backend host (the default).</summary>
    public const string StorageQueueTransport = "StorageQueue";

    /// <summary>The command transport in Azure: one Service Bus queue with a session per backend host.</summary>
    public const string ServiceBusTransport = "ServiceBus";

    /// <summary><see cref="StorageQueueTransport"/> or <see cref="ServiceBusTransport"/>.</summary>
    public string CommandTransport { get; set; } = StorageQueueTransport;

    /// <summary>In Azure: the Service Bus namespace's host name (<c>sb-….servicebus.windows.net</c>), reached with the managed identity.</summary>
    public string? ServiceBusNamespace { get; set; }

    /// <summary>Service Bus by connection string (the emulator, a development namespace); ignored when <see cref="ServiceBusNamespace"/> is set.</summary>
    public string? ServiceBusConnectionString { get; set; }

    /// <summary>The session-enabled queue that carries agent commands.</summary>
    public string ServiceBusQueueName { get; set; } = "agent-commands";

    /// <summary>
    /// How long a command may wait for its agent before Service Bus dead-letters it; null means <see cref="AgentTimeout"/>,
    /// so an agent never starts a command that its operation has already given up on.
    /// </summary>
    public TimeSpan? CommandTimeToLive { get; set; }

    /// <summary>How long an operation waits for an agent's reply before it fails.</summary>
    public TimeSpan AgentTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A pool whose last capacity report is older than this gets no new volumes.</summary>
    public TimeSpan StaleReportAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Cinder's <c>default_availability_zone</c>: where a volume goes when the request names none.</summary>
    public string DefaultAvailabilityZone { get; set; } = "nova";

    /// <summary>Default limits for every project (Cinder's defaults).</summary>
    public QuotaLimits Quotas { get; set; } = new();
}
