using BlockStore.Core.Agents;

namespace BlockStore.ControlPlane.Agents;

/// <summary>Delivers a command to the agent that serves its backend (Storage queues locally, Service Bus in Azure).</summary>
public interface ICommandTransport
{
    Task SendAsync(AgentCommand command, CancellationToken cancellationToken);
}
