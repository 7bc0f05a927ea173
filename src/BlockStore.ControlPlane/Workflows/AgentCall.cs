using BlockStore.Core.Agents;
using Microsoft.DurableTask;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>
/// Sends one command to an agent and waits for its reply, within the orchestration. A reply for another
/// command (a late answer to an earlier attempt) is ignored; no reply within the timeout is a failure.
/// </summary>
public static class AgentCall
{
    /// <summary>Stray replies ignored before giving up; bounds the orchestration's history.</summary>
    private const int MaxStrayReplies = 16;

    public static async Task<AgentCallResult> SendAndWaitAsync(TaskOrchestrationContext context, AgentCommand command, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            await context.CallActivityAsync(WorkflowNames.DispatchCommand, command, WorkflowRetries.Storage);
        }
        catch (TaskFailedException ex)
        {
            return new(AgentCallOutcome.NotSent, Failed(command, $"The command could not be sent to backend {command.BackendHost}: {ex.FailureDetails.ErrorMessage}"));
        }

        var deadline = context.CurrentUtcDateTime + timeout;
        for (var stray = 0; stray <= MaxStrayReplies; stray++)
        {
            var remaining = deadline - context.CurrentUtcDateTime;
            if (remaining <= TimeSpan.Zero)
            {
                return TimedOut(command, timeout);
            }

            AgentReply reply;
            try
            {
                reply = await context.WaitForExternalEvent<AgentReply>(WorkflowNames.AgentReplyEvent, remaining);
            }
            catch (TaskCanceledException)
            {
                return TimedOut(command, timeout);
            }

            if (reply.CommandId == command.CommandId)
            {
                return new(reply.Succeeded ? AgentCallOutcome.Succeeded : AgentCallOutcome.DriverFailed, reply);
            }
        }

        return TimedOut(command, timeout);
    }

    private static AgentCallResult TimedOut(AgentCommand command, TimeSpan timeout) => new(
        AgentCallOutcome.TimedOut,
        Failed(command, $"The storage agent for backend {command.BackendHost} did not answer within {timeout.TotalSeconds:0.#} seconds."));

    private static AgentReply Failed(AgentCommand command, string error) => new()
    {
        CommandId = command.CommandId,
        InstanceId = command.InstanceId,
        Succeeded = false,
        Error = error,
    };
}
