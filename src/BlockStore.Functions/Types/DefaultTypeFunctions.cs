using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Types;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Types;

/// <summary>The <c>default-types</c> routes (3.62), with and without a project id as Cinder serves them, bound to <see cref="DefaultTypesApi"/>.</summary>
public sealed class DefaultTypeFunctions(DefaultTypesApi defaultTypes)
{
    [Function(nameof(ApiRoutes.DefaultTypesSet))]
    public Task<CinderResult> DefaultTypesSetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/default-types/{target_project_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string target_project_id) =>
        defaultTypes.SetAsync(WorkflowBinding.With(req, client), project_id, target_project_id);

    [Function(nameof(ApiRoutes.DefaultTypesShow))]
    public Task<CinderResult> DefaultTypesShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/default-types/{target_project_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string target_project_id) =>
        defaultTypes.ShowAsync(WorkflowBinding.With(req, client), project_id, target_project_id);

    [Function(nameof(ApiRoutes.DefaultTypesList))]
    public Task<CinderResult> DefaultTypesListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/default-types")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        defaultTypes.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.DefaultTypesDelete))]
    public Task<CinderResult> DefaultTypesDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/default-types/{target_project_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string target_project_id) =>
        defaultTypes.DeleteAsync(WorkflowBinding.With(req, client), project_id, target_project_id);

    [Function(nameof(ApiRoutes.ProjectlessDefaultTypesSet))]
    public Task<CinderResult> ProjectlessDefaultTypesSetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/default-types/{target_project_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string target_project_id) =>
        defaultTypes.SetAsync(WorkflowBinding.With(req, client), null, target_project_id);

    [Function(nameof(ApiRoutes.ProjectlessDefaultTypesShow))]
    public Task<CinderResult> ProjectlessDefaultTypesShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/default-types/{target_project_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string target_project_id) =>
        defaultTypes.ShowAsync(WorkflowBinding.With(req, client), null, target_project_id);

    [Function(nameof(ApiRoutes.ProjectlessDefaultTypesList))]
    public Task<CinderResult> ProjectlessDefaultTypesListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/default-types")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        defaultTypes.ListAsync(WorkflowBinding.With(req, client), null);

    [Function(nameof(ApiRoutes.ProjectlessDefaultTypesDelete))]
    public Task<CinderResult> ProjectlessDefaultTypesDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/default-types/{target_project_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string target_project_id) =>
        defaultTypes.DeleteAsync(WorkflowBinding.With(req, client), null, target_project_id);
}
