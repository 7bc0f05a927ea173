namespace BlockStore.Core.Agents;

/// <summary>What an agent's backend reports every few seconds: its pools and their capacity.</summary>
public sealed record CapacityReport
{
    public int SchemaVersion { get; init; } = AgentCommand.CurrentSchemaVersion;

    /// <summary><c>host@backend</c>.</summary>
    public required string BackendHost { get; init; }

    public required IReadOnlyList<PoolCapacity> Pools { get; init; }
}
