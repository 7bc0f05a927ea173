namespace BlockStore.ControlPlane.Messages;

/// <summary>Cinder's user message (microversion 3.3): what failed, on which resource, in words a user can act on.</summary>
public sealed record UserMessage
{
    public required Guid Id { get; init; }
    public required string ProjectId { get; init; }
    public required string EventId { get; init; }
    public required string UserMessageText { get; init; }
    public required string ResourceType { get; init; }
    public required Guid ResourceId { get; init; }
    public string MessageLevel { get; init; } = "ERROR";
    public string? RequestId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset GuaranteedUntil { get; init; }
}
