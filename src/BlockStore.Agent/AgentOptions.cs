namespace BlockStore.Agent;

/// <summary>The agent's configuration, section <c>Agent</c> (appsettings.json, <c>Agent__…</c> variables, command line).</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    public string ControlPlaneUrl { get; set; } = "http://127.0.0.1:8776";

    /// <summary>This agent's API token (<c>BlockStore.Server tokens issue --agent HOST</c>) when the control plane uses token auth.</summary>
    public string? ControlPlaneToken { get; set; }

    /// <summary>Commands from Storage queues, one per backend host (the default, used locally).</summary>
    public const string StorageQueueTransport = "StorageQueue";

    /// <summary>Commands from the Service Bus queue, accepting the sessions of this agent's backend hosts (Azure).</summary>
    public const string ServiceBusTransport = "ServiceBus";

    /// <summary><see cref="StorageQueueTransport"/> or <see cref="ServiceBusTransport"/>.</summary>
    public string Transport { get; set; } = StorageQueueTransport;

    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>The Service Bus namespace's host name (<c>sb-….servicebus.windows.net</c>), reached with an Entra ID identity.</summary>
    public string? ServiceBusNamespace { get; set; }

    /// <summary>Service Bus by connection string instead (the emulator, a development namespace); ignored when <see cref="ServiceBusNamespace"/> is set.</summary>
    public string? ServiceBusConnectionString { get; set; }

    public string ServiceBusQueueName { get; set; } = "agent-commands";

    /// <summary>AMQP over WebSockets on port 443, for sites whose firewall blocks AMQP's 5671.</summary>
    public bool ServiceBusWebSockets { get; set; }

    /// <summary>The client id of the identity to sign in with; null uses the default credential chain (<c>AZURE_CLIENT_ID</c>, …).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// How long the Service Bus receiver keeps renewing the lock of a command that is still running (and of its
    /// backend's session); a longer command loses its lock and is redelivered, which the journal makes harmless.
    /// </summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The <c>host</c> of Cinder's <c>host@backend#pool</c>.</summary>
    public string HostName { get; set; } = Environment.MachineName;

    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest wait between two polls of an empty queue. Storage queues cannot push, so this bounds how long a
    /// command waits to be seen (about half of it on average); 100 ms costs 10 queue reads a second per idle backend.
    /// </summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a received command stays hidden; an unfinished one is redelivered after it.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public IList<BackendOptions> Backends { get; } = new List<BackendOptions>();
}
