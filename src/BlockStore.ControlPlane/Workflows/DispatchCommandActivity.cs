using System.Diagnostics;
using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Telemetry;
using BlockStore.Core.Agents;
using BlockStore.Core.Telemetry;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Puts a command on its backend's transport; the reply comes back as an external event.</summary>
public sealed class DispatchCommandActivity(ICommandTransport transport) : TaskActivity<AgentCommand, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, AgentCommand input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var activity = Tracing.StartFrom(ControlPlaneTelemetry.Source, $"send {input.Operation}", input.TraceParent, ActivityKind.Producer);
        activity?.SetTag("blockstore.backend", input.BackendHost);
        activity?.SetTag("blockstore.command_id", input.CommandId);

        // The agent's span becomes a child of this one.
        await transport.SendAsync(input with { TraceParent = activity?.Id ?? input.TraceParent }, CancellationToken.None);
        return input.CommandId;
    }
}
