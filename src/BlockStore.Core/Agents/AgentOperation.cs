namespace BlockStore.Core.Agents;

/// <summary>What an agent is asked to do; each maps to one driver ability (Cinder's driver interface).</summary>
public enum AgentOperation
{
    CreateVolume,
    DeleteVolume,
    ExtendVolume,
    CreateSnapshot,
    DeleteSnapshot,
    CreateVolumeFromSnapshot,
    CloneVolume,
    InitializeConnection,
    TerminateConnection,
}
