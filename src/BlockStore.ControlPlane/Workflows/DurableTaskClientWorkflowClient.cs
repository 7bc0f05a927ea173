using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace BlockStore.ControlPlane.Workflows;

/// <summary><see cref="IWorkflowClient"/> over the Durable Task SDK's client (Durable Functions, the in-process test host).</summary>
public sealed class DurableTaskClientWorkflowClient(DurableTaskClient client) : IWorkflowClient
{
    public Task StartAsync(string orchestratorName, string instanceId, object input, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, new StartOrchestrationOptions(instanceId), cancellationToken);

    public Task RaiseEventAsync(string instanceId, string eventName, object payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
}
