using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Snapshots;

/// <summary>Snapshot metadata routes, bound to <see cref="SnapshotMetadataApi"/>.</summary>
public sealed class SnapshotMetadataFunctions(SnapshotMetadataApi snapshotMetadata)
{
    [Function(nameof(ApiRoutes.SnapshotMetadataList))]
    public Task<CinderResult> SnapshotMetadataListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/snapshots/{snapshot_id}/metadata")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id) =>
        snapshotMetadata.ListAsync(WorkflowBinding.With(req, client), project_id, snapshot_id);

    [Function(nameof(ApiRoutes.SnapshotMetadataMerge))]
    public Task<CinderResult> SnapshotMetadataMergeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/snapshots/{snapshot_id}/metadata")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id) =>
        snapshotMetadata.MergeAsync(WorkflowBinding.With(req, client), project_id, snapshot_id);

    [Function(nameof(ApiRoutes.SnapshotMetadataReplace))]
    public Task<CinderResult> SnapshotMetadataReplaceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/snapshots/{snapshot_id}/metadata")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id) =>
        snapshotMetadata.ReplaceAsync(WorkflowBinding.With(req, client), project_id, snapshot_id);

    [Function(nameof(ApiRoutes.SnapshotMetadataShow))]
    public Task<CinderResult> SnapshotMetadataShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/snapshots/{snapshot_id}/metadata/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id,
        string key) =>
        snapshotMetadata.ShowItemAsync(WorkflowBinding.With(req, client), project_id, snapshot_id, key);

    [Function(nameof(ApiRoutes.SnapshotMetadataUpdate))]
    public Task<CinderResult> SnapshotMetadataUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/snapshots/{snapshot_id}/metadata/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id,
        string key) =>
        snapshotMetadata.UpdateItemAsync(WorkflowBinding.With(req, client), project_id, snapshot_id, key);

    [Function(nameof(ApiRoutes.SnapshotMetadataDelete))]
    public Task<CinderResult> SnapshotMetadataDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/snapshots/{snapshot_id}/metadata/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string snapshot_id,
        string key) =>
        snapshotMetadata.DeleteItemAsync(WorkflowBinding.With(req, client), project_id, snapshot_id, key);
}
