using BlockStore.Core.Agents;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>The agent's reply (or a failure made up for a command that was not sent or not answered) and how the call ended.</summary>
public sealed record AgentCallResult(AgentCallOutcome Outcome, AgentReply Reply)
{
    public bool Succeeded => Outcome == AgentCallOutcome.Succeeded;

    /// <summary>Whether another backend may be tried: the command certainly did not leave storage behind half-done.</summary>
    public bool MayRetryElsewhere => Outcome is AgentCallOutcome.DriverFailed or AgentCallOutcome.NotSent;

    public string? Error => Reply.Error;

    public string? ProviderLocation => Reply.ProviderLocation;
}
