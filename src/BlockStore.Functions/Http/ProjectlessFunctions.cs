using BlockStore.ControlPlane.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace BlockStore.Functions.Http;

/// <summary>
/// Project-less URLs (<c>/v3/volumes/…</c>, 3.67): one catch-all per verb (<see cref="ApiRoutes.ProjectlessDispatch"/>)
/// that the Functions host reaches only when no project-scoped route matched, handed to <see cref="ProjectlessDispatcher"/>.
/// </summary>
public sealed class ProjectlessFunctions(ProjectlessDispatcher dispatcher)
{
    [Function(nameof(ApiRoutes.ProjectlessDispatchGet))]
    public Task<CinderResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v3/{collection}/{*rest}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string collection,
        string? rest) =>
        dispatcher.DispatchAsync(req, client, string.IsNullOrEmpty(rest) ? collection : $"{collection}/{rest}");

    [Function(nameof(ApiRoutes.ProjectlessDispatchPost))]
    public Task<CinderResult> PostAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v3/{collection}/{*rest}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string collection,
        string? rest) =>
        dispatcher.DispatchAsync(req, client, string.IsNullOrEmpty(rest) ? collection : $"{collection}/{rest}");

    [Function(nameof(ApiRoutes.ProjectlessDispatchPut))]
    public Task<CinderResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v3/{collection}/{*rest}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string collection,
        string? rest) =>
        dispatcher.DispatchAsync(req, client, string.IsNullOrEmpty(rest) ? collection : $"{collection}/{rest}");

    [Function(nameof(ApiRoutes.ProjectlessDispatchDelete))]
    public Task<CinderResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v3/{collection}/{*rest}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string collection,
        string? rest) =>
        dispatcher.DispatchAsync(req, client, string.IsNullOrEmpty(rest) ? collection : $"{collection}/{rest}");
}
