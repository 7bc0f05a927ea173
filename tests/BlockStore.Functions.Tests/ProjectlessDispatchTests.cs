using System.Runtime.Loader;
using BlockStore.ControlPlane.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace BlockStore.Functions.Tests;

/// <summary>
/// The Functions app's project-less catch-alls run the function of the project's URL (the app cannot run here, so its
/// dispatcher is loaded from the built app and asked what it could not dispatch).
/// </summary>
public sealed class ProjectlessDispatchTests
{
    [Fact]
    public void Dispatcher_EveryProjectScopedRoute_HasAFunctionItCanBind()
    {
        var problems = (IReadOnlyList<string>)DispatcherType().GetMethod("Problems")!.Invoke(null, null)!;

        Assert.Empty(problems);
    }

    [Fact]
    public void Dispatcher_Targets_AreTheProjectScopedRoutesAndOnlyThose()
    {
        var targets = (System.Collections.IDictionary)DispatcherType().GetProperty("Targets")!.GetValue(null)!;

        Assert.Equal(
            ApiRoutes.All.Where(route => route.Template.StartsWith("v3/{project_id}/", StringComparison.Ordinal)).Select(route => route.Name).Order(StringComparer.Ordinal),
            targets.Keys.Cast<string>().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("GET", "/v3", "VersionV3")]
    [InlineData("GET", "/v3/0123abcd/volumes", "VolumesList")]
    [InlineData("GET", "/v3/0123abcd/volumes/detail", "VolumesDetail")]
    [InlineData("DELETE", "/v3/0123abcd/volumes/1", "VolumesDelete")]
    [InlineData("GET", "/v3/0123abcd/volumes/1/metadata/k", "VolumeMetadataShow")]
    [InlineData("GET", "/v3/default-types", "ProjectlessDefaultTypesList")]
    [InlineData("PUT", "/v3/default-types/0123abcd", "ProjectlessDefaultTypesSet")]
    [InlineData("GET", "/v3/volumes", "ProjectlessDispatchGet")]
    [InlineData("GET", "/v3/volumes/detail", "ProjectlessDispatchGet")]
    [InlineData("POST", "/v3/volumes/1/action", "ProjectlessDispatchPost")]
    [InlineData("PUT", "/v3/types/1/extra_specs/k", "ProjectlessDispatchPut")]
    [InlineData("DELETE", "/v3/0123abcd/volumes", "ProjectlessDispatchDelete")]
    public void HostRouting_InTheHostsOrder_ReachesTheExpectedFunction(string method, string path, string expected)
    {
        // The Functions host tries its routes in one order (literal segments before parameters, more constraints first,
        // literals alphabetically, longer templates first) and runs the first whose template and method match.
        var ordered = FunctionsApp.WithTrigger("httpTrigger").Where(function => function.Route is { } route && !route.StartsWith('{')).ToList();
        ordered.Sort((x, y) => CompareAsTheHostDoes(TemplateParser.Parse(x.Route!), TemplateParser.Parse(y.Route!)));

        var first = ordered.First(function =>
            function.Methods.Contains(method, StringComparer.OrdinalIgnoreCase)
            && new TemplateMatcher(TemplateParser.Parse(function.Route!), []).TryMatch(path, new RouteValueDictionary()));

        Assert.Equal(expected, first.Name);
    }

    private static int CompareAsTheHostDoes(RouteTemplate x, RouteTemplate y)
    {
        for (var i = 0; i < x.Segments.Count; i++)
        {
            if (i >= y.Segments.Count)
            {
                return -1;
            }

            var (a, b) = (x.Segments[i].Parts[0], y.Segments[i].Parts[0]);
            if (a.IsParameter != b.IsParameter)
            {
                return a.IsParameter ? 1 : -1;
            }

            var order = a.IsParameter
                ? b.InlineConstraints.Count().CompareTo(a.InlineConstraints.Count())
                : string.Compare(a.Text, b.Text, StringComparison.OrdinalIgnoreCase);
            if (order != 0)
            {
                return order;
            }
        }

        return y.Segments.Count > x.Segments.Count ? 1 : 0;
    }

    private static Type DispatcherType()
    {
        var directory = FunctionsApp.OutputDirectory;
        var context = new AssemblyLoadContext("functions-app", isCollectible: false);
        context.Resolving += (self, name) =>
            File.Exists(Path.Combine(directory, name.Name + ".dll")) ? self.LoadFromAssemblyPath(Path.Combine(directory, name.Name + ".dll")) : null;
        var app = context.LoadFromAssemblyPath(Path.Combine(directory, "BlockStore.Functions.dll"));
        return app.GetType("BlockStore.Functions.Http.ProjectlessDispatcher", throwOnError: true)!;
    }
}
