using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Http;

/// <summary>The version documents: <c>GET /</c> (300 Multiple Choices, as Cinder) and <c>GET /v3/</c>.</summary>
public sealed class VersionsApi(CinderPipeline pipeline)
{
    public Task<CinderResult> ListAsync(HttpContext http) =>
        pipeline.RunUnscopedAsync(http, () => Task.FromResult(CinderResult.Json(300, new JsonObject { ["versions"] = new JsonArray(Version(http)) })));

    public Task<CinderResult> ShowV3Async(HttpContext http) =>
        pipeline.RunUnscopedAsync(http, () => Task.FromResult(CinderResult.Json(200, new JsonObject { ["versions"] = new JsonArray(Version(http)) })));

    private static JsonObject Version(HttpContext http) => new()
    {
        ["id"] = "v3.0",
        ["status"] = "CURRENT",
        ["version"] = ApiVersions.Maximum,
        ["min_version"] = ApiVersions.Minimum,
        ["updated"] = "2022-08-31T00:00:00Z",
        ["links"] = new JsonArray(
            new JsonObject { ["rel"] = "describedby", ["type"] = "text/html", ["href"] = "https://docs.openstack.org/" },
            new JsonObject { ["rel"] = "self", ["href"] = $"{http.Request.Scheme}://{http.Request.Host}/v3/" }),
        ["media-types"] = new JsonArray(
            new JsonObject { ["base"] = "application/json", ["type"] = "application/vnd.openstack.volume+json;version=3" }),
    };
}
