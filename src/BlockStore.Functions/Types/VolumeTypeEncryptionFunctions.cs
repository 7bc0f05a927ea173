using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Types;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Types;

/// <summary>Cinder v3 volume type encryption routes, bound to <see cref="VolumeTypeEncryptionApi"/>.</summary>
public sealed class VolumeTypeEncryptionFunctions(VolumeTypeEncryptionApi encryption)
{
    [Function(nameof(ApiRoutes.TypeEncryptionShow))]
    public Task<CinderResult> TypeEncryptionShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/types/{type_id}/encryption")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        encryption.ShowAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.TypeEncryptionCreate))]
    public Task<CinderResult> TypeEncryptionCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/types/{type_id}/encryption")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        encryption.CreateAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.TypeEncryptionShowItem))]
    public Task<CinderResult> TypeEncryptionShowItemAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/types/{type_id}/encryption/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id,
        string key) =>
        encryption.ShowItemAsync(WorkflowBinding.With(req, client), project_id, type_id, key);

    [Function(nameof(ApiRoutes.TypeEncryptionUpdate))]
    public Task<CinderResult> TypeEncryptionUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/types/{type_id}/encryption/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        encryption.UpdateAsync(WorkflowBinding.With(req, client), project_id, type_id);

    [Function(nameof(ApiRoutes.TypeEncryptionDelete))]
    public Task<CinderResult> TypeEncryptionDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/types/{type_id}/encryption/{key}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string type_id) =>
        encryption.DeleteAsync(WorkflowBinding.With(req, client), project_id, type_id);
}
