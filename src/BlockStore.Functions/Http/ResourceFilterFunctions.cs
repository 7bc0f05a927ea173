using BlockStore.ControlPlane.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Http;

/// <summary><see cref="ApiRoutes.ResourceFilters"/>, bound to <see cref="ResourceFiltersApi"/>.</summary>
public sealed class ResourceFilterFunctions(ResourceFiltersApi resourceFilters)
{
    [Function(nameof(ApiRoutes.ResourceFilters))]
    public Task<CinderResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/resource_filters")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        resourceFilters.ListAsync(WorkflowBinding.With(req, client), project_id);
}
