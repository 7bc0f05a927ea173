using System.Collections.Concurrent;
using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Agents;
using Microsoft.DurableTask.Client;

namespace BlockStore.ControlPlane.Tests.Workflows;

/// <summary>
/// Stands in for the transport and the agents behind it: each backend host answers by a script, as a real
/// agent would, by raising the reply event; a backend without a script has a broken transport.
/// </summary>
public sealed class ScriptedAgents : ICommandTransport
{
    private readonly ConcurrentDictionary<string, Func<AgentCommand, AgentReply?>> _scripts = new();

    public DurableTaskClient? Client { get; set; }

    public ConcurrentQueue<AgentCommand> Received { get; } = new();

    /// <summary>A backend whose agent answers every command with what <paramref name="answer"/> returns (null: never answers).</summary>
    public void Script(string backendHost, Func<AgentCommand, AgentReply?> answer) => _scripts[backendHost] = answer;

    public async Task SendAsync(AgentCommand command, CancellationToken cancellationToken)
    {
        if (!_scripts.TryGetValue(command.BackendHost, out var answer))
        {
            throw new IOException($"Queue for {command.BackendHost} is unreachable.");
        }

        Received.Enqueue(command);
        if (answer(command) is { } reply)
        {
            // Raised before the dispatch activity even completes: the fastest agent there can be.
            await Client!.RaiseEventAsync(command.InstanceId, WorkflowNames.AgentReplyEvent, reply, cancellationToken);
        }
    }

    public static AgentReply Success(AgentCommand command) => new()
    {
        CommandId = command.CommandId,
        InstanceId = command.InstanceId,
        Succeeded = true,
        ProviderLocation = $"/data/{command.VolumeName}",
    };

    public static AgentReply Failure(AgentCommand command, string error) => new()
    {
        CommandId = command.CommandId,
        InstanceId = command.InstanceId,
        Succeeded = false,
        Error = error,
    };
}
