using System.Reflection;
using System.Runtime.Loader;
using BlockStore.ControlPlane.Http;

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
