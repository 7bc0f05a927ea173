using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Types;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Types;

/// <summary>Cinder v3 volume type, extra-spec and type-access routes, bound to <see cref="VolumeTypesApi"/>.</summary>
public sealed class VolumeTypeFunctions(VolumeTypesApi types)
{
    [Function(nameof(ApiRoutes.TypesList))]
    public Task<CinderResult> TypesListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/types")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        types.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.TypesCreate))]
    public Task<CinderResult> TypesCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/types")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        types.CreateAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.TypesShow))]
    public Task<CinderResult> TypesShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/types/{type_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        types.ShowAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.TypesUpdate))]
    public Task<CinderResult> TypesUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/types/{type_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        types.UpdateAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.TypesDelete))]
    public Task<CinderResult> TypesDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/types/{type_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        types.DeleteAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.TypesAction))]
    public Task<CinderResult> TypesActionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/types/{type_id}/action")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        types.ActionAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.TypeAccessList))]
    public Task<CinderResult> TypeAccessListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/types/{type_id}/os-volume-type-access")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        types.ListAccessAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.ExtraSpecsList))]
    public Task<CinderResult> ExtraSpecsListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/types/{type_id}/extra_specs")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        types.ListExtraSpecsAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.ExtraSpecsCreate))]
    public Task<CinderResult> ExtraSpecsCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/types/{type_id}/extra_specs")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        types.SetExtraSpecsAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.ExtraSpecsShow))]
    public Task<CinderResult> ExtraSpecsShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/types/{type_id}/extra_specs/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id,
        string key) =>
        types.ShowExtraSpecAsync(WorkflowBinding.With(req, client), project_id, type_id, key);

    [Function(nameof(ApiRoutes.ExtraSpecsUpdate))]
    public Task<CinderResult> ExtraSpecsUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/types/{type_id}/extra_specs/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id,
        string key) =>
        types.UpdateExtraSpecAsync(WorkflowBinding.With(req, client), project_id, type_id, key);

    [Function(nameof(ApiRoutes.ExtraSpecsDelete))]
    public Task<CinderResult> ExtraSpecsDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/types/{type_id}/extra_specs/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id,
        string key) =>
        types.DeleteExtraSpecAsync(WorkflowBinding.With(req, client), project_id, type_id, key);
}
