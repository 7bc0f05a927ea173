namespace BlockStore.Core.Agents;

/// <summary>An agent's answer to one <see cref="AgentCommand"/>.</summary>
public sealed record AgentReply
{
    public int SchemaVersion { get; init; } = AgentCommand.CurrentSchemaVersion;
    public required string CommandId { get; init; }
    public required string InstanceId { get; init; }
    public required bool Succeeded { get; init; }

    /// <summary>Where the driver put the volume (a path, an image spec).</summary>
    public string? ProviderLocation { get; init; }

    /// <summary>How to reach the volume, for <see cref="AgentOperation.InitializeConnection"/>.</summary>
    public ConnectionInfo? ConnectionInfo { get; init; }

    /// <summary>Why the driver failed, in words a user can act on.</summary>
    public string? Error { get; init; }
}
