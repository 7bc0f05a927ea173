namespace BlockStore.Core.Agents;

/// <summary>
/// A driver command from the control plane to an agent. <see cref="CommandId"/> is stable across
/// redeliveries, and the agent handles each id once: a repeat gets the first reply again.
/// </summary>
public sealed record AgentCommand
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string CommandId { get; init; }

    /// <summary>The orchestration waiting for the reply.</summary>
    public required string InstanceId { get; init; }

    public required AgentOperation Operation { get; init; }

    /// <summary>The backend that must run it, <c>host@backend</c>.</summary>
    public required string BackendHost { get; init; }

    public required string Pool { get; init; }
    public required Guid VolumeId { get; init; }

    /// <summary>The storage name (<c>volume-&lt;uuid&gt;</c>); generated, never user text.</summary>
    public required string VolumeName { get; init; }

    public int SizeGib { get; init; }
    public required DateTimeOffset IssuedAt { get; init; }
}
