using BlockStore.ControlPlane.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Http;

/// <summary>
/// Hands an invocation's Durable client to the shared handlers: <see cref="WorkflowClients.For"/> looks for an
/// <see cref="IWorkflowClient"/> feature on the request before the container, where the Server keeps its one.
/// </summary>
public static class WorkflowBinding
{
    public static HttpContext With(HttpRequest request, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Features.Set<IWorkflowClient>(new DurableTaskClientWorkflowClient(client));
        return request.HttpContext;
    }
}
