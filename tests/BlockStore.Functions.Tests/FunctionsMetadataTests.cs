using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Workflows;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlockStore.Functions.Tests;

/// <summary>
/// The Functions app must declare exactly what the Server serves and runs: the same routes (ApiRoutes.All) and the
/// same orchestrators and activities (WorkflowCatalog), read from the metadata the Functions host loads.
/// </summary>
public sealed class FunctionsMetadataTests
{
    public static TheoryData<string> RouteNames => [.. HttpRoutes.Select(route => route.Name)];

    /// <summary>The shared routes and the Functions app's project-less catch-alls (the Server rewrites those paths instead).</summary>
    private static IEnumerable<ApiRoute> HttpRoutes => ApiRoutes.All.Concat(ApiRoutes.ProjectlessDispatch);

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void HttpFunction_ForEveryApiRoute_HasItsNameMethodAndRoute(string name)
    {
        var route = HttpRoutes.Single(candidate => candidate.Name == name);
        var function = Assert.Single(FunctionsApp.WithTrigger("httpTrigger"), candidate => candidate.Name == name);

        Assert.Equal([route.Method.ToLowerInvariant()], function.Methods.Select(method => method.ToLowerInvariant()));
        if (route.Template.Length == 0)
        {
            // The Functions host cannot route an empty template (it falls back to the function name): the app
            // uses a template that matches the site root and nothing else, which is what the Server's "/" serves.
            Assert.True(Matches(function.Route!, "/"), $"{function.Route} does not match /");
            Assert.All(["/v3", "/volumes", "/Versions", "/v3/p/volumes"], path => Assert.False(Matches(function.Route!, path), $"{function.Route} matches {path}"));
        }
        else
        {
            Assert.Equal(route.Template, function.Route);
        }
    }

    [Fact]
    public void HttpFunctions_OutsideApiRoutes_DoNotExist()
    {
        var declared = HttpRoutes.Select(route => route.Name).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(FunctionsApp.WithTrigger("httpTrigger"), function => !declared.Contains(function.Name));
    }

    [Fact]
    public void HttpFunctions_Always_AreAnonymous()
    {
        // Authentication is the API's own (Cinder's noauth, tokens, Entra ID), not Functions keys that no Cinder client sends.
        Assert.All(FunctionsApp.WithTrigger("httpTrigger"), function =>
            Assert.Equal("anonymous", function.Trigger!["authLevel"]?.GetValue<string>(), StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void HttpFunctions_Always_BindADurableClient()
    {
        // The shared handlers find their workflow client on the request; without the binding a create cannot start.
        Assert.All(FunctionsApp.WithTrigger("httpTrigger"), function =>
            Assert.Single(function.Bindings, binding => binding["type"]!.GetValue<string>() == "durableClient" && binding["direction"]!.GetValue<string>() == "In"));
    }

    [Fact]
    public void OrchestratorFunctions_ComparedWithCatalog_AreTheSame()
    {
        Assert.Equal(
            WorkflowCatalog.Orchestrators.Select(entry => entry.Name).Order(StringComparer.Ordinal),
            FunctionsApp.WithTrigger("orchestrationTrigger").Select(function => function.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ActivityFunctions_ComparedWithCatalog_AreTheSame()
    {
        Assert.Equal(
            WorkflowCatalog.Activities.Select(entry => entry.Name).Order(StringComparer.Ordinal),
            FunctionsApp.WithTrigger("activityTrigger").Select(function => function.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Functions_OfAnyOtherTrigger_DoNotExist()
    {
        Assert.Equal(HttpRoutes.Count() + WorkflowCatalog.Orchestrators.Count + WorkflowCatalog.Activities.Count, FunctionsApp.Functions.Count);
    }

    /// <summary>Matches a path the way the Functions host's router does: ASP.NET Core templates with inline constraints.</summary>
    private static bool Matches(string template, string path)
    {
        var parsed = TemplateParser.Parse(template);
        var values = new RouteValueDictionary();
        if (!new TemplateMatcher(parsed, []).TryMatch(path, values))
        {
            return false;
        }

        using var services = new ServiceCollection().BuildServiceProvider();
        var constraints = new DefaultInlineConstraintResolver(Options.Create(new RouteOptions()), services);
        return parsed.Parameters
            .Where(parameter => values.ContainsKey(parameter.Name!))
            .All(parameter => parameter.InlineConstraints.All(inline =>
                constraints.ResolveConstraint(inline.Constraint)!.Match(null, null, parameter.Name!, values, RouteDirection.IncomingRequest)));
    }
}
