using System.Collections.Frozen;
using System.Reflection;
using BlockStore.ControlPlane.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace BlockStore.Functions.Http;

/// <summary>
/// Runs a project-less request through the very function that serves the project's URL: the path is matched against
/// <see cref="ApiRoutes.All"/> (<see cref="ProjectlessUrls.Match"/>), and the <c>[Function]</c> method of that route's
/// name is invoked with the request, the Durable client and the route values bound by parameter name, as the worker
/// binds them. So a route added later (its <c>[Function]</c> is required by the parity tests) is project-less here
/// without another line, and no rule exists twice.
/// </summary>
public sealed class ProjectlessDispatcher(IServiceProvider services)
{
    /// <summary>The <c>[Function]</c> method of every project-scoped route, by route name.</summary>
    public static FrozenDictionary<string, MethodInfo> Targets { get; } = typeof(ProjectlessDispatcher).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Select(method => (Method: method, Name: method.GetCustomAttribute<FunctionAttribute>()?.Name))
        .Where(entry => entry.Name is { } name && ApiRoutes.All.Any(route => route.Name == name && route.Template.StartsWith(ProjectlessUrls.ProjectScopedPrefix, StringComparison.Ordinal)))
        .ToFrozenDictionary(entry => entry.Name!, entry => entry.Method, StringComparer.Ordinal);

    public async Task<CinderResult> DispatchAsync(HttpRequest req, DurableTaskClient client, string? rest)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (ProjectlessUrls.Match(req.Method, rest) is not { } match || !Targets.TryGetValue(match.Route.Name, out var method))
        {
            // What Cinder's router answers for a path it does not know (and the Functions host for a wrong verb).
            return CinderResult.Fault(404, "itemNotFound", "The resource could not be found.");
        }

        ProjectlessUrls.Mark(req.HttpContext);
        foreach (var (key, value) in match.Values)
        {
            req.RouteValues[key] = value;
        }

        var target = ActivatorUtilities.GetServiceOrCreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(parameter => Bind(parameter, req, client, match.Values)).ToArray();
        return await (Task<CinderResult>)method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null)!;
    }

    /// <summary>
    /// Why a route could not be dispatched (no function, a parameter this class cannot bind, another return type);
    /// empty when every project-scoped route can. The Functions tests read it, since the app cannot run here.
    /// </summary>
    public static IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var route in ApiRoutes.All.Where(route => route.Template.StartsWith(ProjectlessUrls.ProjectScopedPrefix, StringComparison.Ordinal)))
        {
            if (!Targets.TryGetValue(route.Name, out var method))
            {
                problems.Add($"{route.Name}: no [Function] method");
                continue;
            }

            if (method.ReturnType != typeof(Task<CinderResult>))
            {
                problems.Add($"{route.Name}: returns {method.ReturnType}, not Task<CinderResult>");
            }

            var parameters = route.Template.Split('/').Where(segment => segment.StartsWith('{')).Select(segment => segment.Trim('{', '}')).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(method.GetParameters()
                .Where(parameter => parameter.ParameterType != typeof(HttpRequest)
                    && parameter.ParameterType != typeof(DurableTaskClient)
                    && !(parameter.ParameterType == typeof(string) && parameters.Contains(parameter.Name!)))
                .Select(parameter => $"{route.Name}: cannot bind parameter {parameter.Name} ({parameter.ParameterType.Name})"));
        }

        return problems;
    }

    private static object? Bind(ParameterInfo parameter, HttpRequest req, DurableTaskClient client, Microsoft.AspNetCore.Routing.RouteValueDictionary values) =>
        parameter.ParameterType == typeof(HttpRequest) ? req
        : parameter.ParameterType == typeof(DurableTaskClient) ? client
        : values.TryGetValue(parameter.Name!, out var value) ? value?.ToString()
        : throw new InvalidOperationException($"{parameter.Member.Name} has a parameter {parameter.Name} that a project-less dispatch cannot bind.");
}
