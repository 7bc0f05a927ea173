using System.Text.Json.Nodes;
using BlockStore.Core.Filtering;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Http;

/// <summary><c>GET resource_filters</c> (3.33): the list filters each resource accepts, optionally for one <c>resource</c>.</summary>
public sealed class ResourceFiltersApi(CinderPipeline pipeline)
{
    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, request =>
    {
        request.RequireVersion(33);
        var only = http.Request.Query["resource"].ToString();
        var filters = ResourceFilters.Enabled
            .Where(pair => only.Length == 0 || pair.Key == only)
            .Select(pair => (JsonNode)new JsonObject
            {
                ["resource"] = pair.Key,
                ["filters"] = new JsonArray([.. pair.Value.Select(filter => (JsonNode)filter)]),
            });
        return Task.FromResult(CinderResult.Json(200, new JsonObject { ["resource_filters"] = new JsonArray([.. filters]) }));
    });
}
