using BlockStore.ControlPlane.Groups;
using BlockStore.ControlPlane.Http;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Groups;

/// <summary>Cinder group type and group spec routes (3.11), bound to <see cref="GroupTypesApi"/>.</summary>
public sealed class GroupTypeFunctions(GroupTypesApi groupTypes)
{
    [Function(nameof(ApiRoutes.GroupTypesList))]
    public Task<CinderResult> GroupTypesListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/group_types")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        groupTypes.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.GroupTypesCreate))]
    public Task<CinderResult> GroupTypesCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/group_types")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        groupTypes.CreateAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.GroupTypesShow))]
    public Task<CinderResult> GroupTypesShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/group_types/{group_type_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_type_id) =>
        groupTypes.ShowAsync(WorkflowBinding.With(req, client), project_id, group_type_id);

    [Function(nameof(ApiRoutes.GroupTypesUpdate))]
    public Task<CinderResult> GroupTypesUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/group_types/{group_type_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_type_id) =>
        groupTypes.UpdateAsync(WorkflowBinding.With(req, client), project_id, group_type_id);

    [Function(nameof(ApiRoutes.GroupTypesDelete))]
    public Task<CinderResult> GroupTypesDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/group_types/{group_type_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_type_id) =>
        groupTypes.DeleteAsync(WorkflowBinding.With(req, client), project_id, group_type_id);

    [Function(nameof(ApiRoutes.GroupSpecsList))]
    public Task<CinderResult> GroupSpecsListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/group_types/{group_type_id}/group_specs")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_type_id) =>
        groupTypes.ListSpecsAsync(WorkflowBinding.With(req, client), project_id, group_type_id);

    [Function(nameof(ApiRoutes.GroupSpecsCreate))]
    public Task<CinderResult> GroupSpecsCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/group_types/{group_type_id}/group_specs")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_type_id) =>
        groupTypes.SetSpecsAsync(WorkflowBinding.With(req, client), project_id, group_type_id);

    [Function(nameof(ApiRoutes.GroupSpecsShow))]
    public Task<CinderResult> GroupSpecsShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/group_types/{group_type_id}/group_specs/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_type_id,
        string key) =>
        groupTypes.ShowSpecAsync(WorkflowBinding.With(req, client), project_id, group_type_id, key);

    [Function(nameof(ApiRoutes.GroupSpecsUpdate))]
    public Task<CinderResult> GroupSpecsUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/group_types/{group_type_id}/group_specs/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_type_id,
        string key) =>
        groupTypes.UpdateSpecAsync(WorkflowBinding.With(req, client), project_id, group_type_id, key);

    [Function(nameof(ApiRoutes.GroupSpecsDelete))]
    public Task<CinderResult> GroupSpecsDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/group_types/{group_type_id}/group_specs/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_type_id,
        string key) =>
        groupTypes.DeleteSpecAsync(WorkflowBinding.With(req, client), project_id, group_type_id, key);
}
