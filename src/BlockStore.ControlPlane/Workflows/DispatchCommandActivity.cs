using BlockStore.ControlPlane.Agents;
using BlockStore.Core.Agents;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>Puts a command on its backend's transport; the reply comes back as an external event.</summary>
public sealed class DispatchCommandActivity(ICommandTransport transport) : TaskActivity<AgentCommand, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, AgentCommand input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await transport.SendAsync(input, CancellationToken.None);
        return input.CommandId;
    }
}
