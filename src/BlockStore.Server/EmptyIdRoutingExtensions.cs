using BlockStore.ControlPlane.Http;

namespace BlockStore.Server;

/// <summary>
/// ASP.NET Core's route matcher ignores a trailing slash, so <c>DELETE /v3/{p}/volumes/</c> matches the collection
/// route (GET, POST) and would be answered 405. Cinder reads that path as a member with an empty id, which no route
/// serves: a 404. Only paths ending in a slash that no endpoint serves are turned into that 404; a 405 on any
/// other path stays a 405. (The Functions host routes per function with method constraints and already answers 404.)
/// </summary>
public static class EmptyIdRoutingExtensions
{
    public static IApplicationBuilder UseEmptyIdAsNotFound(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path.Value ?? "";
        if (path.Length > 1 && path.EndsWith('/') && http.GetEndpoint() is not RouteEndpoint)
        {
            await CinderResult.Fault(404, "itemNotFound", "The resource could not be found.").ExecuteAsync(http);
            return;
        }

        await next(http);
    });
}
