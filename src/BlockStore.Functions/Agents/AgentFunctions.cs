using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Http;
using BlockStore.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Agents;

/// <summary>The routes agents call, bound to <see cref="AgentApi"/>; a reply is raised on its orchestration through the bound client.</summary>
public sealed class AgentFunctions(AgentApi agents)
{
    [Function(nameof(ApiRoutes.AgentReplies))]
    public Task<CinderResult> ReplyAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "agent/v1/replies")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        agents.ReplyAsync(WorkflowBinding.With(req, client));

    [Function(nameof(ApiRoutes.AgentCapacity))]
    public Task<CinderResult> CapacityAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "agent/v1/capacity")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        agents.CapacityAsync(WorkflowBinding.With(req, client));
}
