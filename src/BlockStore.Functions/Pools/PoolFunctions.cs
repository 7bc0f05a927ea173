using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Pools;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Pools;

/// <summary>Cinder's scheduler-stats route, bound to <see cref="PoolsApi"/> (admin only; the handler decides).</summary>
public sealed class PoolFunctions(PoolsApi pools)
{
    [Function(nameof(ApiRoutes.PoolsList))]
    public Task<CinderResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{project_id}/scheduler-stats/get_pools")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string project_id) =>
        pools.ListAsync(WorkflowBinding.With(req, client), project_id);
}
