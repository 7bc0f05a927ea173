using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Snapshots;

/// <summary>Cinder v3 snapshot routes, bound to <see cref="SnapshotsApi"/>.</summary>
public sealed class SnapshotFunctions(SnapshotsApi snapshots)
{
    [Function(nameof(ApiRoutes.SnapshotsCreate))]
    public Task<CinderResult> SnapshotsCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/snapshots")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        snapshots.CreateAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.SnapshotsList))]
    public Task<CinderResult> SnapshotsListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/snapshots")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        snapshots.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.SnapshotsDetail))]
    public Task<CinderResult> SnapshotsDetailAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/snapshots/detail")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        snapshots.ListDetailAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.SnapshotsShow))]
    public Task<CinderResult> SnapshotsShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/snapshots/{snapshot_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id) =>
        snapshots.ShowAsync(WorkflowBinding.With(req, client), project_id, snapshot_id);

    [Function(nameof(ApiRoutes.SnapshotsUpdate))]
    public Task<CinderResult> SnapshotsUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/snapshots/{snapshot_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id) =>
        snapshots.UpdateAsync(WorkflowBinding.With(req, client), project_id, snapshot_id);

    [Function(nameof(ApiRoutes.SnapshotsDelete))]
    public Task<CinderResult> SnapshotsDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/snapshots/{snapshot_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id) =>
        snapshots.DeleteAsync(WorkflowBinding.With(req, client), project_id, snapshot_id);

    [Function(nameof(ApiRoutes.SnapshotsAction))]
    public Task<CinderResult> SnapshotsActionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/snapshots/{snapshot_id}/action")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id) =>
        snapshots.ActionAsync(WorkflowBinding.With(req, client), project_id, snapshot_id);
}
