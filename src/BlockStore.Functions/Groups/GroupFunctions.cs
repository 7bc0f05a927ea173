using BlockStore.ControlPlane.Groups;
using BlockStore.ControlPlane.Http;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Groups;

/// <summary>Cinder generic volume group routes (3.13, 3.14, 3.20), bound to <see cref="GroupsApi"/>.</summary>
public sealed class GroupFunctions(GroupsApi groups)
{
    [Function(nameof(ApiRoutes.GroupsCreate))]
    public Task<CinderResult> GroupsCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/groups")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        groups.CreateAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.GroupsList))]
    public Task<CinderResult> GroupsListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/groups")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        groups.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.GroupsDetail))]
    public Task<CinderResult> GroupsDetailAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/groups/detail")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        groups.ListDetailAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.GroupsShow))]
    public Task<CinderResult> GroupsShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/groups/{group_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_id) =>
        groups.ShowAsync(WorkflowBinding.With(req, client), project_id, group_id);

    [Function(nameof(ApiRoutes.GroupsUpdate))]
    public Task<CinderResult> GroupsUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/groups/{group_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_id) =>
        groups.UpdateAsync(WorkflowBinding.With(req, client), project_id, group_id);

    [Function(nameof(ApiRoutes.GroupsAction))]
    public Task<CinderResult> GroupsActionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/groups/{group_id}/action")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_id) =>
        groups.ActionAsync(WorkflowBinding.With(req, client), project_id, group_id);

    [Function(nameof(ApiRoutes.GroupsCreateFromSource))]
    public Task<CinderResult> GroupsCreateFromSourceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/groups/action")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        groups.CreateFromSourceAsync(WorkflowBinding.With(req, client), project_id);
}
