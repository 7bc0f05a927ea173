using BlockStore.ControlPlane.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BlockStore.Functions.Workflows;

/// <summary>
/// One function per <see cref="WorkflowCatalog.Orchestrators"/> entry, each running the shared class-based
/// orchestrator (written by hand: the Durable Task source generator is not available here).
/// </summary>
public static class OrchestratorFunctions
{
    [Function(WorkflowNames.CreateVolume)]
    public static Task<string> CreateVolumeAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CreateVolumeOrchestrator().RunAsync(context, context.GetInput<CreateVolumeInput>()!);

    [Function(WorkflowNames.DeleteVolume)]
    public static Task<string> DeleteVolumeAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DeleteVolumeOrchestrator().RunAsync(context, context.GetInput<DeleteVolumeInput>()!);

    [Function(WorkflowNames.ExtendVolume)]
    public static Task<string> ExtendVolumeAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ExtendVolumeOrchestrator().RunAsync(context, context.GetInput<ExtendVolumeInput>()!);

    [Function(WorkflowNames.CreateSnapshot)]
    public static Task<string> CreateSnapshotAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new CreateSnapshotOrchestrator().RunAsync(context, context.GetInput<SnapshotOperationInput>()!);

    [Function(WorkflowNames.DeleteSnapshot)]
    public static Task<string> DeleteSnapshotAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new DeleteSnapshotOrchestrator().RunAsync(context, context.GetInput<SnapshotOperationInput>()!);
}
