using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Volumes;

/// <summary>
/// Cinder v3 volume routes, bound to <see cref="VolumesApi"/>. Route parameters keep Cinder's names
/// (<c>project_id</c>, <c>volume_id</c>) because the worker binds them to parameters by name.
/// </summary>
public sealed class VolumeFunctions(VolumesApi volumes)
{
    [Function(nameof(ApiRoutes.VolumesCreate))]
    public Task<CinderResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/volumes")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        volumes.CreateAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.VolumesList))]
    public Task<CinderResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/volumes")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        volumes.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.VolumesDetail))]
    public Task<CinderResult> ListDetailAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/volumes/detail")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        volumes.ListDetailAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.VolumesShow))]
    public Task<CinderResult> ShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/volumes/{volume_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id) =>
        volumes.ShowAsync(WorkflowBinding.With(req, client), project_id, volume_id);

    [Function(nameof(ApiRoutes.VolumesDelete))]
    public Task<CinderResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/volumes/{volume_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id) =>
        volumes.DeleteAsync(WorkflowBinding.With(req, client), project_id, volume_id);

    [Function(nameof(ApiRoutes.VolumesSummary))]
    public Task<CinderResult> SummaryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/volumes/summary")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        volumes.SummaryAsync(WorkflowBinding.With(req, client), project_id);
}
