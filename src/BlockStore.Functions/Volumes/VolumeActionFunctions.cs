using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Volumes;

/// <summary>Volume update, actions and metadata routes, bound to <see cref="VolumeActionsApi"/> and <see cref="VolumeMetadataApi"/>.</summary>
public sealed class VolumeActionFunctions(VolumeActionsApi actions, VolumeMetadataApi metadata)
{
    [Function(nameof(ApiRoutes.VolumesUpdate))]
    public Task<CinderResult> VolumesUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/volumes/{volume_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id) =>
        metadata.UpdateAsync(WorkflowBinding.With(req, client), project_id, volume_id);

    [Function(nameof(ApiRoutes.VolumesAction))]
    public Task<CinderResult> VolumesActionAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/volumes/{volume_id}/action")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id) =>
        actions.ActionAsync(WorkflowBinding.With(req, client), project_id, volume_id);

    [Function(nameof(ApiRoutes.VolumeMetadataList))]
    public Task<CinderResult> VolumeMetadataListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/volumes/{volume_id}/metadata")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id) =>
        metadata.ListAsync(WorkflowBinding.With(req, client), project_id, volume_id);

    [Function(nameof(ApiRoutes.VolumeMetadataMerge))]
    public Task<CinderResult> VolumeMetadataMergeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/volumes/{volume_id}/metadata")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id) =>
        metadata.MergeAsync(WorkflowBinding.With(req, client), project_id, volume_id);

    [Function(nameof(ApiRoutes.VolumeMetadataReplace))]
    public Task<CinderResult> VolumeMetadataReplaceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/volumes/{volume_id}/metadata")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id) =>
        metadata.ReplaceAsync(WorkflowBinding.With(req, client), project_id, volume_id);

    [Function(nameof(ApiRoutes.VolumeMetadataShow))]
    public Task<CinderResult> VolumeMetadataShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/volumes/{volume_id}/metadata/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id,
        string key) =>
        metadata.ShowItemAsync(WorkflowBinding.With(req, client), project_id, volume_id, key);

    [Function(nameof(ApiRoutes.VolumeMetadataUpdate))]
    public Task<CinderResult> VolumeMetadataUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/volumes/{volume_id}/metadata/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id,
        string key) =>
        metadata.UpdateItemAsync(WorkflowBinding.With(req, client), project_id, volume_id, key);

    [Function(nameof(ApiRoutes.VolumeMetadataDelete))]
    public Task<CinderResult> VolumeMetadataDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/volumes/{volume_id}/metadata/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string volume_id,
        string key) =>
        metadata.DeleteItemAsync(WorkflowBinding.With(req, client), project_id, volume_id, key);
}
