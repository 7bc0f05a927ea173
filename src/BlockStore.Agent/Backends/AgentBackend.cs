using BlockStore.Agent.Commands;
using BlockStore.Agent.Drivers;
using BlockStore.Core.Agents;

namespace BlockStore.Agent.Backends;

/// <summary>A configured backend at run time: its Cinder host, its command queue, its driver and journal.</summary>
public sealed record AgentBackend(string BackendHost, string QueueName, string DataDirectory, string DriverName, IVolumeDriver Driver, CommandJournal Journal)
{
    public static AgentBackend Create(string hostName, BackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var backendHost = $"{hostName}@{options.Name}";
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        return new AgentBackend(
            backendHost,
            AgentQueues.ForBackendHost(backendHost),
            dataDirectory,
            options.Driver.ToLowerInvariant(),
            DriverFactory.Create(options),
            new CommandJournal(Path.Combine(dataDirectory, ".commands")));
    }
}
