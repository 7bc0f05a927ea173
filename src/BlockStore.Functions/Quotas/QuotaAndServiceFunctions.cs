using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Quotas;
using BlockStore.ControlPlane.Services;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Quotas;

/// <summary>Quota, limits, availability-zone, service and extension routes, bound to <see cref="QuotasApi"/> and <see cref="ServicesApi"/>.</summary>
public sealed class QuotaAndServiceFunctions(QuotasApi quotas, ServicesApi services)
{
    [Function(nameof(ApiRoutes.QuotaSetsShow))]
    public Task<CinderResult> QuotaSetsShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-quota-sets/{target_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string target_id) =>
        quotas.ShowAsync(WorkflowBinding.With(req, client), project_id, target_id);

    [Function(nameof(ApiRoutes.QuotaSetsDefaults))]
    public Task<CinderResult> QuotaSetsDefaultsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-quota-sets/{target_id}/defaults")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string target_id) =>
        quotas.DefaultsAsync(WorkflowBinding.With(req, client), project_id, target_id);

    [Function(nameof(ApiRoutes.QuotaSetsUpdate))]
    public Task<CinderResult> QuotaSetsUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/os-quota-sets/{target_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string target_id) =>
        quotas.UpdateAsync(WorkflowBinding.With(req, client), project_id, target_id);

    [Function(nameof(ApiRoutes.QuotaSetsDelete))]
    public Task<CinderResult> QuotaSetsDeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{project_id}/os-quota-sets/{target_id}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string target_id) =>
        quotas.DeleteAsync(WorkflowBinding.With(req, client), project_id, target_id);

    [Function(nameof(ApiRoutes.QuotaClassSetsShow))]
    public Task<CinderResult> QuotaClassSetsShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-quota-class-sets/{class_name}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string class_name) =>
        quotas.ShowClassAsync(WorkflowBinding.With(req, client), project_id, class_name);

    [Function(nameof(ApiRoutes.QuotaClassSetsUpdate))]
    public Task<CinderResult> QuotaClassSetsUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/os-quota-class-sets/{class_name}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string class_name) =>
        quotas.UpdateClassAsync(WorkflowBinding.With(req, client), project_id, class_name);

    [Function(nameof(ApiRoutes.Limits))]
    public Task<CinderResult> LimitsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/limits")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        quotas.LimitsAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.AvailabilityZones))]
    public Task<CinderResult> AvailabilityZonesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-availability-zone")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        services.AvailabilityZonesAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.ServicesList))]
    public Task<CinderResult> ServicesListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-services")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        services.ListServicesAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.Extensions))]
    public Task<CinderResult> ExtensionsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/extensions")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        services.ExtensionsAsync(WorkflowBinding.With(req, client), project_id);
}
