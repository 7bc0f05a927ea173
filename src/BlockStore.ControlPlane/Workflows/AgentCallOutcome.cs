namespace BlockStore.ControlPlane.Workflows;

/// <summary>How a command to an agent ended; it decides whether another backend may be tried.</summary>
public enum AgentCallOutcome
{
    Succeeded,

    /// <summary>The driver ran and failed: safe to try elsewhere (the driver cleans up after a failed create).</summary>
    DriverFailed,

    /// <summary>The command never left: safe to try elsewhere.</summary>
    NotSent,

    /// <summary>No answer in time: the agent may still act, so nothing else is tried.</summary>
    TimedOut,
}
