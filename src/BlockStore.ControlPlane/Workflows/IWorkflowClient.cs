namespace BlockStore.ControlPlane.Workflows;

/// <summary>What the API needs from the orchestration runtime; each host supplies it (Durable Functions, the Durable Task Framework).</summary>
public interface IWorkflowClient
{
    Task StartAsync(string orchestratorName, string instanceId, object input, CancellationToken cancellationToken);

    Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken);
}
