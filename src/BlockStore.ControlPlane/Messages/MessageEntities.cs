using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;

namespace BlockStore.ControlPlane.Messages;

/// <summary>User messages as rows of their project's partition (<c>message_{id}</c>), kept 31 days as in Cinder.</summary>
public sealed class MessageEntities : IRowMapper<UserMessage>
{
    public const string Prefix = "message_";

    /// <summary>Cinder's <c>message_ttl</c>: 2,678,400 s.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(31);

    public static MessageEntities Instance { get; } = new();

    public string RowPrefix => Prefix;

    public static string RowKey(Guid id) => Prefix + id.ToString("D");

    public string ProjectOf(UserMessage row) => row.ProjectId;

    public string RowKeyOf(UserMessage row) => RowKey(row.Id);

    /// <summary>A failure of <paramref name="action"/> on a resource, recorded when the failure is.</summary>
    public static TableEntity Failure(string projectId, string resourceType, Guid resourceId, (string Code, string Words) action, string reason, DateTimeOffset at) =>
        Instance.ToEntity(new UserMessage
        {
            Id = Guid.NewGuid(),
            ProjectId = projectId,
            EventId = $"VOLUME_{resourceType}_{action.Code}_001",
            UserMessageText = $"{action.Words}: {reason}",
            ResourceType = resourceType,
            ResourceId = resourceId,
            CreatedAt = at,
            GuaranteedUntil = at + Lifetime,
        });

    public TableEntity ToEntity(UserMessage message) => new(message.ProjectId, RowKey(message.Id))
    {
        ["EventId"] = message.EventId,
        ["UserMessage"] = message.UserMessageText,
        ["ResourceType"] = message.ResourceType,
        ["ResourceId"] = message.ResourceId,
        ["MessageLevel"] = message.MessageLevel,
        ["RequestId"] = message.RequestId,
        ["CreatedAt"] = message.CreatedAt,
        ["GuaranteedUntil"] = message.GuaranteedUntil,
    };

    public UserMessage FromEntity(TableEntity entity) => new()
    {
        Id = Guid.Parse(entity.RowKey.AsSpan(Prefix.Length)),
        ProjectId = entity.PartitionKey,
        EventId = entity.GetString("EventId") ?? "",
        UserMessageText = entity.GetString("UserMessage") ?? "",
        ResourceType = entity.GetString("ResourceType") ?? "",
        ResourceId = entity.GetGuid("ResourceId") ?? Guid.Empty,
        MessageLevel = entity.GetString("MessageLevel") ?? "ERROR",
        RequestId = entity.GetString("RequestId"),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        GuaranteedUntil = entity.GetDateTimeOffset("GuaranteedUntil") ?? DateTimeOffset.MinValue,
    };
}
