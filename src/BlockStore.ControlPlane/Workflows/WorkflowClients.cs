using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlockStore.ControlPlane.Workflows;

/// <summary>
/// Finds the workflow client for a request. The Server registers one for the process; a Durable Functions
/// client is bound per invocation, so the Functions app puts it on the request as a feature instead.
/// </summary>
public sealed class WorkflowClients(IServiceProvider services)
{
    public IWorkflowClient For(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Features.Get<IWorkflowClient>()
            ?? services.GetService<IWorkflowClient>()
            ?? throw new InvalidOperationException("No workflow client: the host must register IWorkflowClient or set it on the request.");
    }
}
