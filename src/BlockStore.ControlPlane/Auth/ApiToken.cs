namespace BlockStore.ControlPlane.Auth;

/// <summary>An issued API token as stored: never the token itself, only its hash and what it grants.</summary>
public sealed record ApiToken
{
    public required string Hash { get; init; }

    /// <summary>The project it acts in; empty for agents.</summary>
    public required string ProjectId { get; init; }

    public required string UserId { get; init; }

    public required string Role { get; init; }

    /// <summary>For <see cref="Roles.Agent"/>: the agent host it may speak for.</summary>
    public string? AgentHost { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
