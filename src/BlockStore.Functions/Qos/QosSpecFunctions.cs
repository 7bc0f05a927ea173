using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Qos;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Qos;

/// <summary>Cinder v3 QoS spec routes, bound to <see cref="QosSpecsApi"/>.</summary>
public sealed class QosSpecFunctions(QosSpecsApi qos)
{
    [Function(nameof(ApiRoutes.QosSpecsList))]
    public Task<CinderResult> QosSpecsListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/qos-specs")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        qos.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.QosSpecsCreate))]
    public Task<CinderResult> QosSpecsCreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{project_id}/qos-specs")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        qos.CreateAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.QosSpecsShow))]
    public Task<CinderResult> QosSpecsShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/qos-specs/{qos_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string qos_id) =>
        qos.ShowAsync(WorkflowBinding.With(req, client), project_id, qos_id);

    [Function(nameof(ApiRoutes.QosSpecsSetKeys))]
    public Task<CinderResult> QosSpecsSetKeysAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/qos-specs/{qos_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string qos_id) =>
        qos.SetKeysAsync(WorkflowBinding.With(req, client), project_id, qos_id);

    [Function(nameof(ApiRoutes.QosSpecsDelete))]
    public Task<CinderResult> QosSpecsDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/qos-specs/{qos_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string qos_id) =>
        qos.DeleteAsync(WorkflowBinding.With(req, client), project_id, qos_id);

    [Function(nameof(ApiRoutes.QosSpecsUnsetKeys))]
    public Task<CinderResult> QosSpecsUnsetKeysAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/qos-specs/{qos_id}/delete_keys")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string qos_id) =>
        qos.UnsetKeysAsync(WorkflowBinding.With(req, client), project_id, qos_id);

    [Function(nameof(ApiRoutes.QosSpecsAssociations))]
    public Task<CinderResult> QosSpecsAssociationsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/qos-specs/{qos_id}/associations")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string qos_id) =>
        qos.AssociationsAsync(WorkflowBinding.With(req, client), project_id, qos_id);

    [Function(nameof(ApiRoutes.QosSpecsAssociate))]
    public Task<CinderResult> QosSpecsAssociateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/qos-specs/{qos_id}/associate")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string qos_id) =>
        qos.AssociateAsync(WorkflowBinding.With(req, client), project_id, qos_id);

    [Function(nameof(ApiRoutes.QosSpecsDisassociate))]
    public Task<CinderResult> QosSpecsDisassociateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/qos-specs/{qos_id}/disassociate")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string qos_id) =>
        qos.DisassociateAsync(WorkflowBinding.With(req, client), project_id, qos_id);

    [Function(nameof(ApiRoutes.QosSpecsDisassociateAll))]
    public Task<CinderResult> QosSpecsDisassociateAllAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/qos-specs/{qos_id}/disassociate_all")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string qos_id) =>
        qos.DisassociateAllAsync(WorkflowBinding.With(req, client), project_id, qos_id);
}
