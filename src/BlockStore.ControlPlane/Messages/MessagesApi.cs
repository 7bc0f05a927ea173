using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Filtering;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Messages;

/// <summary>Cinder's user messages (3.3): every asynchronous failure leaves one, kept 31 days.</summary>
public sealed class MessagesApi(CinderPipeline pipeline, ProjectRows rows, TimeProvider time)
{
    private static readonly Dictionary<string, Func<UserMessage, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = message => message.CreatedAt,
        ["id"] = message => message.Id.ToString("D"),
        ["event_id"] = message => message.EventId,
        ["resource_type"] = message => message.ResourceType,
        ["message_level"] = message => message.MessageLevel,
    };

    /// <summary>Cinder's message filters (the keys its resource_filters.json enables for messages).</summary>
    private static readonly (string Key, Func<UserMessage, string?> Value)[] FilterFields =
    [
        ("resource_uuid", message => message.ResourceId.ToString("D")),
        ("resource_type", message => message.ResourceType),
        ("event_id", message => message.EventId),
        ("request_id", message => message.RequestId),
        ("message_level", message => message.MessageLevel),
    ];

    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(3);
        var now = time.GetUtcNow();
        var query = http.Request.Query;
        IEnumerable<UserMessage> messages = (await rows.ListAsync(request.ProjectId, MessageEntities.Instance, null, request.CancellationToken))
            .Where(message => message.GuaranteedUntil > now);

        // Before 3.5 Cinder lists every message, newest first, and ignores filters and paging.
        if (!request.IsAtLeast(5))
        {
            var all = messages.OrderByDescending(message => message.CreatedAt).ThenByDescending(message => message.Id.ToString("D"), StringComparer.Ordinal);
            return CinderResult.Json(200, new JsonObject { ["messages"] = new JsonArray([.. all.Select(message => (JsonNode)View(message, request))]) });
        }

        ListQuery.RejectInvalidFilters(http, request, "message");
        foreach (var (key, value) in FilterFields)
        {
            if (query[key].ToString() is { Length: > 0 } wanted)
            {
                messages = messages.Where(message => value(message) == wanted);
            }

            if (ListQuery.Like(http, request, key) is { } fragment)
            {
                messages = messages.Where(message => ResourceFilters.IsLike(value(message), fragment));
            }
        }

        var (page, links) = Paging.Apply(http, request, messages, SortKeys, message => message.Id.ToString("D"), "messages");
        var body = new JsonObject { ["messages"] = new JsonArray([.. page.Select(message => (JsonNode)View(message, request))]) };
        if (links is not null)
        {
            body["messages_links"] = links;
        }

        return CinderResult.Json(200, body);
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string messageId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(3);
        return CinderResult.Json(200, new JsonObject { ["message"] = View(await GetAsync(request, messageId), request) });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string messageId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(3);
        var message = await GetAsync(request, messageId);
        await rows.ChangeAsync(request.ProjectId, MessageEntities.RowKey(message.Id), MessageEntities.Instance,
            _ => new RowChange<UserMessage>(null), () => NotFound(messageId), request.CancellationToken);
        return CinderResult.Empty(204);
    });

    private async Task<UserMessage> GetAsync(RequestContext request, string messageId) =>
        Guid.TryParse(messageId, out var id) && await rows.FindAsync(request.ProjectId, MessageEntities.RowKey(id), MessageEntities.Instance, request.CancellationToken) is { } message
            ? message
            : throw NotFound(messageId);

    private static NotFoundException NotFound(string id) => new($"Message {id} could not be found.");

    private static JsonObject View(UserMessage message, RequestContext request) => new()
    {
        ["id"] = message.Id.ToString("D"),
        ["event_id"] = message.EventId,
        ["user_message"] = message.UserMessageText,
        ["message_level"] = message.MessageLevel,
        ["resource_type"] = message.ResourceType,
        ["resource_uuid"] = message.ResourceId.ToString("D"),
        ["created_at"] = VolumeViews.Timestamp(message.CreatedAt),
        ["guaranteed_until"] = VolumeViews.Timestamp(message.GuaranteedUntil),
        // Cinder's schema wants a string; the request that started an asynchronous operation is not kept.
        ["request_id"] = message.RequestId ?? "",
        ["links"] = new JsonArray(
            new JsonObject { ["rel"] = "self", ["href"] = $"{request.BaseUrl}/v3/{message.ProjectId}/messages/{message.Id:D}" },
            new JsonObject { ["rel"] = "bookmark", ["href"] = $"{request.BaseUrl}/{message.ProjectId}/messages/{message.Id:D}" }),
    };
}
