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

    /// <summary>The size to create, or the new size of an extend.</summary>
    public int SizeGib { get; init; }

    /// <summary>The snapshot's storage name (<c>snapshot-&lt;uuid&gt;</c>) for snapshot operations and creates from one.</summary>
    public string? SnapshotName { get; init; }

    /// <summary>The source volume's storage name for a clone, or the snapshot's parent for a create from a snapshot.</summary>
    public string? SourceVolumeName { get; init; }

    /// <summary>Who attaches, for connection operations.</summary>
    public VolumeConnector? Connector { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>W3C <c>traceparent</c> of the span that sent the command, so the agent's work joins the request's trace.</summary>
    public string? TraceParent { get; init; }
}
