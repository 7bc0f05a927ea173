using BlockStore.ControlPlane.Groups;
using BlockStore.ControlPlane.Http;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Groups;

/// <summary>Cinder group snapshot routes (3.14, 3.19), bound to <see cref="GroupSnapshotsApi"/>.</summary>
public sealed class GroupSnapshotFunctions(GroupSnapshotsApi groupSnapshots)
{
    [Function(nameof(ApiRoutes.GroupSnapshotsCreate))]
    public Task<CinderResult> GroupSnapshotsCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/group_snapshots")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        groupSnapshots.CreateAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.GroupSnapshotsList))]
    public Task<CinderResult> GroupSnapshotsListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/group_snapshots")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        groupSnapshots.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.GroupSnapshotsDetail))]
    public Task<CinderResult> GroupSnapshotsDetailAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/group_snapshots/detail")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        groupSnapshots.ListDetailAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.GroupSnapshotsShow))]
    public Task<CinderResult> GroupSnapshotsShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/group_snapshots/{group_snapshot_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_snapshot_id) =>
        groupSnapshots.ShowAsync(WorkflowBinding.With(req, client), project_id, group_snapshot_id);

    [Function(nameof(ApiRoutes.GroupSnapshotsDelete))]
    public Task<CinderResult> GroupSnapshotsDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/group_snapshots/{group_snapshot_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_snapshot_id) =>
        groupSnapshots.DeleteAsync(WorkflowBinding.With(req, client), project_id, group_snapshot_id);

    [Function(nameof(ApiRoutes.GroupSnapshotsAction))]
    public Task<CinderResult> GroupSnapshotsActionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/group_snapshots/{group_snapshot_id}/action")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string group_snapshot_id) =>
        groupSnapshots.ActionAsync(WorkflowBinding.With(req, client), project_id, group_snapshot_id);
}
