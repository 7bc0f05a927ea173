using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Services;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Services;

/// <summary>Service administration routes (os-services actions, os-hosts, capabilities), bound to <see cref="ServicesApi"/>, <see cref="HostsApi"/> and <see cref="CapabilitiesApi"/>.</summary>
public sealed class ServiceAdminFunctions(ServicesApi services, HostsApi hosts, CapabilitiesApi capabilities)
{
    [Function(nameof(ApiRoutes.ServicesUpdate))]
    public Task<CinderResult> ServicesUpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{project_id}/os-services/{action}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string action) =>
        services.UpdateAsync(WorkflowBinding.With(req, client), project_id, action);

    [Function(nameof(ApiRoutes.HostsList))]
    public Task<CinderResult> HostsListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-hosts")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        hosts.ListAsync(WorkflowBinding.With(req, client), project_id);

    [Function(nameof(ApiRoutes.HostsShow))]
    public Task<CinderResult> HostsShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/os-hosts/{host_name}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string host_name) =>
        hosts.ShowAsync(WorkflowBinding.With(req, client), project_id, host_name);

    [Function(nameof(ApiRoutes.CapabilitiesShow))]
    public Task<CinderResult> CapabilitiesShowAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/capabilities/{host_name}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id,
        string host_name) =>
        capabilities.ShowAsync(WorkflowBinding.With(req, client), project_id, host_name);
}
