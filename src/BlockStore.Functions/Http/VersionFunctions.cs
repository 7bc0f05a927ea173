using BlockStore.ControlPlane.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Http;

/// <summary>The version documents (<see cref="ApiRoutes.Versions"/>, <see cref="ApiRoutes.VersionV3"/>).</summary>
public sealed class VersionFunctions(VersionsApi versions)
{
    /// <summary>
    /// The Functions host cannot route an empty template: <c>Route = ""</c> falls back to the function's name
    /// (<c>/Versions</c>) and the site root stays the host's home page. An optional parameter that admits only
    /// the empty value matches <c>/</c> and nothing else; the host needs <c>AzureWebJobsDisableHomepage=true</c>
    /// to let the request reach it (HOSTING.md).
    /// </summary>
    public const string RootRoute = "{root:maxlength(0)?}";

    [Function(nameof(ApiRoutes.Versions))]
    public Task<CinderResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RootRoute)] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        versions.ListAsync(WorkflowBinding.With(req, client));

    [Function(nameof(ApiRoutes.VersionV3))]
    public Task<CinderResult> ShowV3Async(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3")] HttpRequest req,
        [DurableClient] DurableTaskClient client) =>
        versions.ShowV3Async(WorkflowBinding.With(req, client));
}
