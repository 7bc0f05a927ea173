using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace BlockStore.Functions.Workflows;

/// <summary>
/// The <see cref="TaskActivityContext"/> a class-based activity expects, built from an activity function's
/// invocation: the Durable extension puts the calling orchestration's id in the trigger's binding data.
/// </summary>
public sealed class FunctionActivityContext(TaskName name, FunctionContext context) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } =
        context?.BindingContext.BindingData.TryGetValue("instanceId", out var id) == true ? id?.ToString() ?? "" : "";
}
