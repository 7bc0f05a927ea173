using BlockStore.ControlPlane.Http;

namespace BlockStore.Server;

/// <summary>
/// Project-less URLs (<c>/v3/volumes/…</c>, microversion 3.67) reach the same endpoints as the project's URL: before
/// routing, a path whose first segment after <c>/v3/</c> is a project-scoped collection of <see cref="ApiRoutes.All"/>
/// is rewritten to carry <see cref="ProjectlessUrls.Placeholder"/> as its project and marked, and the pipeline takes
/// the project from the credentials. No route is mapped twice, and every 404/405 stays the project URL's.
/// </summary>
public static class ProjectlessRoutingExtensions
{
    public static IApplicationBuilder UseProjectlessUrls(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (ProjectlessUrls.TryRewrite(http.Request.Path, out var rewritten))
        {
            http.Request.Path = rewritten;
            ProjectlessUrls.Mark(http);
        }

        await next(http);
    });
}
