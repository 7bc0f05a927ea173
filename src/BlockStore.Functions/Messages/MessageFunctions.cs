using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Messages;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Messages;

/// <summary>User message routes (microversion 3.3), bound to <see cref="MessagesApi"/>.</summary>
public sealed class MessageFunctions(MessagesApi messages)
{
    [Function(nameof(ApiRoutes.MessagesList))]
    public Task<CinderResult> MessagesListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/messages")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        messages.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.MessagesShow))]
    public Task<CinderResult> MessagesShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/messages/{message_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string message_id) =>
        messages.ShowAsync(WorkflowBinding.With(req, client), project_id, message_id);

    [Function(nameof(ApiRoutes.MessagesDelete))]
    public Task<CinderResult> MessagesDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/messages/{message_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string message_id) =>
        messages.DeleteAsync(WorkflowBinding.With(req, client), project_id, message_id);
}
