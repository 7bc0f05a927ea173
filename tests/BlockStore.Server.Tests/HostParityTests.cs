using BlockStore.ControlPlane;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace BlockStore.Server.Tests;

/// <summary>
/// The Server maps exactly <see cref="ApiRoutes.All"/>; the Functions tests check the Functions app against the same
/// list, so a route added to one host and not the other fails one of them.
/// </summary>
public sealed class HostParityTests
{
    [Fact]
    public void MapBlockStoreApi_Endpoints_AreExactlyTheSharedRouteList()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddBlockStoreControlPlane(builder.Configuration);
        builder.Services.AddSingleton(Mock.Of<IWorkflowClient>());
        using var app = builder.Build();

        app.MapBlockStoreApi();

        var mapped = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(endpoint => (
                Name: endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName,
                Method: Assert.Single(endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods),
                Template: endpoint.RoutePattern.RawText!.TrimStart('/')))
            .OrderBy(route => route.Name, StringComparer.Ordinal)
            .ToList();
        var expected = ApiRoutes.All
            .Select(route => ((string?)route.Name, route.Method, route.Template))
            .OrderBy(route => route.Item1, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(expected, mapped);
    }

    [Fact]
    public void WorkflowCatalog_NamesAreUniqueAndEveryTypeIsAWorkflow()
    {
        var names = WorkflowCatalog.Orchestrators.Concat(WorkflowCatalog.Activities).Select(entry => entry.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(WorkflowCatalog.Orchestrators, entry => Assert.True(typeof(Microsoft.DurableTask.ITaskOrchestrator).IsAssignableFrom(entry.Type), entry.Name));
        Assert.All(WorkflowCatalog.Activities, entry => Assert.True(typeof(Microsoft.DurableTask.ITaskActivity).IsAssignableFrom(entry.Type), entry.Name));
    }
}
