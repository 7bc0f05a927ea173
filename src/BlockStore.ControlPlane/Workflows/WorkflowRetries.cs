using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Retry policies for activities, per call: storage hiccups are retried before a saga gives up.</summary>
public static class WorkflowRetries
{
    /// <summary>Activities that only touch Tables or queues: 5 attempts over about 15 seconds.</summary>
    public static TaskOptions Storage { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));
}
