namespace BlockStore.Agent;

/// <summary>The agent's configuration, section <c>Agent</c> (appsettings.json, <c>Agent__…</c> variables, command line).</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    public string ControlPlaneUrl { get; set; } = "http://127.0.0.1:8776";

    /// <summary>This agent's API token (<c>BlockStore.Server tokens issue --agent HOST</c>) when the control plane uses token auth.</summary>
    public string? ControlPlaneToken { get; set; }

    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

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
