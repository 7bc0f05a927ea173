namespace BlockStore.Core.Agents;

/// <summary>What an agent is asked to do.</summary>
public enum AgentOperation
{
    CreateVolume,
    DeleteVolume,
}
