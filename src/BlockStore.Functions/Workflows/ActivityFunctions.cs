using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Agents;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace BlockStore.Functions.Workflows;

/// <summary>
/// One function per <see cref="WorkflowCatalog.Activities"/> entry, each running the shared class-based activity
/// from the invocation's container (the control plane registers them as transients).
/// </summary>
public static class ActivityFunctions
{
    [Function(WorkflowNames.ScheduleVolume)]
    public static Task<Placement> ScheduleVolumeAsync([ActivityTrigger] ScheduleVolumeInput input, FunctionContext context) =>
        Resolve<ScheduleVolumeActivity>(context).RunAsync(new FunctionActivityContext(WorkflowNames.ScheduleVolume, context), input);

    [Function(WorkflowNames.DispatchCommand)]
    public static Task<string> DispatchCommandAsync([ActivityTrigger] AgentCommand input, FunctionContext context) =>
        Resolve<DispatchCommandActivity>(context).RunAsync(new FunctionActivityContext(WorkflowNames.DispatchCommand, context), input);

    [Function(WorkflowNames.FinishCreateVolume)]
    public static Task<string> FinishCreateVolumeAsync([ActivityTrigger] FinishCreateInput input, FunctionContext context) =>
        Resolve<FinishCreateVolumeActivity>(context).RunAsync(new FunctionActivityContext(WorkflowNames.FinishCreateVolume, context), input);

    [Function(WorkflowNames.FinishDeleteVolume)]
    public static Task<string> FinishDeleteVolumeAsync([ActivityTrigger] FinishDeleteInput input, FunctionContext context) =>
        Resolve<FinishDeleteVolumeActivity>(context).RunAsync(new FunctionActivityContext(WorkflowNames.FinishDeleteVolume, context), input);

    [Function(WorkflowNames.FinishExtendVolume)]
    public static Task<string> FinishExtendVolumeAsync([ActivityTrigger] FinishExtendInput input, FunctionContext context) =>
        Resolve<FinishExtendVolumeActivity>(context).RunAsync(new FunctionActivityContext(WorkflowNames.FinishExtendVolume, context), input);

    [Function(WorkflowNames.FinishCreateSnapshot)]
    public static Task<string> FinishCreateSnapshotAsync([ActivityTrigger] FinishSnapshotInput input, FunctionContext context) =>
        Resolve<FinishCreateSnapshotActivity>(context).RunAsync(new FunctionActivityContext(WorkflowNames.FinishCreateSnapshot, context), input);

    [Function(WorkflowNames.FinishDeleteSnapshot)]
    public static Task<string> FinishDeleteSnapshotAsync([ActivityTrigger] FinishSnapshotInput input, FunctionContext context) =>
        Resolve<FinishDeleteSnapshotActivity>(context).RunAsync(new FunctionActivityContext(WorkflowNames.FinishDeleteSnapshot, context), input);

    private static T Resolve<T>(FunctionContext context)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.InstanceServices.GetRequiredService<T>();
    }
}
