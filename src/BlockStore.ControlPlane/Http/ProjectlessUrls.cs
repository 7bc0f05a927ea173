using System.Collections.Frozen;
using BlockStore.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace BlockStore.ControlPlane.Http;

/// <summary>
/// Cinder's project-less URLs (advertised by microversion 3.67, served by its router at every version): every
/// <c>/v3/{project_id}/…</c> route of <see cref="ApiRoutes.All"/> is also reachable as <c>/v3/…</c>, the project then
/// being the caller's own. Everything here is derived from <see cref="ApiRoutes.All"/>, so a route added there is
/// project-less in both hosts without another line: the Server rewrites the path before routing
/// (<see cref="TryRewrite"/>), the Functions app matches it behind its catch-all functions (<see cref="Match"/>).
/// Either way the request is marked, and <see cref="CinderPipeline"/> takes the project from the credentials.
/// </summary>
public static class ProjectlessUrls
{
    /// <summary>The prefix of every project-scoped template.</summary>
    public const string ProjectScopedPrefix = "v3/{project_id}/";

    /// <summary>
    /// What stands in the <c>project_id</c> route value of a project-less request until the pipeline knows the caller's
    /// project. It is no project id (Cinder's project_id_regex refuses it), so a client that sends it gets a 404.
    /// </summary>
    public const string Placeholder = "~";

    private static readonly object MarkKey = new();

    private static readonly IReadOnlyList<(ApiRoute Route, TemplateMatcher Matcher)> Scoped = [.. ApiRoutes.All
        .Where(route => route.Template.StartsWith(ProjectScopedPrefix, StringComparison.Ordinal))
        .Select(route => (Route: route, Template: TemplateParser.Parse(route.Template[ProjectScopedPrefix.Length..])))
        // Most specific first, as the hosts' routers decide: volumes/detail is the listing, not a volume named "detail".
        .OrderBy(entry => RoutePrecedence.ComputeInbound(entry.Template))
        .Select(entry => (entry.Route, new TemplateMatcher(entry.Template, []))),
    ];

    /// <summary>
    /// The first segments after <c>/v3/</c> that name a project-scoped collection, less those that already have routes
    /// of their own without a project (<c>default-types</c>, whose project-less form names the target project).
    /// None of them can be a project id: each has a letter beyond <c>f</c>.
    /// </summary>
    public static FrozenSet<string> Collections { get; } = ApiRoutes.All
        .Select(route => route.Template.StartsWith(ProjectScopedPrefix, StringComparison.Ordinal) ? FirstSegment(route.Template[ProjectScopedPrefix.Length..]) : null)
        .OfType<string>()
        .Where(segment => !segment.StartsWith('{'))
        .Except(ApiRoutes.All
            .Where(route => route.Template.StartsWith("v3/", StringComparison.Ordinal) && !route.Template.StartsWith(ProjectScopedPrefix, StringComparison.Ordinal))
            .Select(route => FirstSegment(route.Template["v3/".Length..])))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// <c>/v3/volumes/…</c> becomes <c>/v3/~/volumes/…</c> when its first segment is a project-scoped collection;
    /// every other path (a project's URL, versions, agent routes, default-types) is left alone.
    /// </summary>
    public static bool TryRewrite(PathString path, out PathString rewritten)
    {
        rewritten = path;
        var value = path.Value;
        if (value is null || !value.StartsWith("/v3/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value["/v3/".Length..];
        if (!Collections.Contains(FirstSegment(rest)))
        {
            return false;
        }

        rewritten = new PathString($"/v3/{Placeholder}/{rest}");
        return true;
    }

    /// <summary>
    /// The project-scoped route that a project-less <paramref name="rest"/> (the path after <c>/v3/</c>) and method
    /// reach, with its route values (<c>project_id</c> is <see cref="Placeholder"/>); null when none does.
    /// </summary>
    public static (ApiRoute Route, RouteValueDictionary Values)? Match(string method, string? rest)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (string.IsNullOrEmpty(rest) || !Collections.Contains(FirstSegment(rest)))
        {
            return null;
        }

        foreach (var (route, matcher) in Scoped)
        {
            var values = new RouteValueDictionary();
            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase) && matcher.TryMatch("/" + rest, values))
            {
                values["project_id"] = Placeholder;
                return (route, values);
            }
        }

        return null;
    }

    /// <summary>Marks a request as project-less: only a host's own rewrite or dispatch does, never a client's URL.</summary>
    public static void Mark(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[MarkKey] = true;
    }

    public static bool IsMarked(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items.ContainsKey(MarkKey);
    }

    /// <summary>The 400 for a project-less URL whose credentials name no project (Cinder's answer to a malformed URL).</summary>
    public static BadRequestException NoProject(string how) =>
        new($"Malformed request url: the URL names no project and {how}, so the request has no project to act in. Name the project in the URL (/v3/{{project_id}}/...).");

    private static string FirstSegment(string path)
    {
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? path : path[..slash];
    }
}
