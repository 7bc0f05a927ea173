using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Volumes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Services;

/// <summary>
/// What Cinder reports about its own services, derived from the agents' capacity reports: availability zones,
/// os-services (a backend is a <c>cinder-volume</c> service, up while it reports) and the extensions list.
/// </summary>
public sealed class ServicesApi(CinderPipeline pipeline, PoolStore pools, TimeProvider time, IOptions<ControlPlaneOptions> options)
{
    private static readonly string[] Extensions =
    [
        "os-availability-zone", "os-quota-sets", "os-quota-class-sets", "os-services", "os-types-manage", "os-types-extra-specs",
        "os-volume-type-access", "os-extended-snapshot-attributes", "os-vol-host-attr", "os-vol-tenant-attr", "os-vol-mig-status-attr",
        "os-admin-actions", "os-volume-actions", "scheduler-stats", "OS-SCH-HNT",
    ];

    public Task<CinderResult> AvailabilityZonesAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var fresh = time.GetUtcNow() - options.Value.StaleReportAfter;
        var zones = (await pools.ListAsync(request.CancellationToken))
            .GroupBy(pool => pool.AvailabilityZone, StringComparer.Ordinal)
            .OrderBy(zone => zone.Key, StringComparer.Ordinal)
            .Select(zone => (JsonNode)new JsonObject
            {
                ["zoneName"] = zone.Key,
                ["zoneState"] = new JsonObject { ["available"] = zone.Any(pool => pool.ReportedAt >= fresh) },
            });
        return CinderResult.Json(200, new JsonObject { ["availabilityZoneInfo"] = new JsonArray([.. zones]) });
    });

    public Task<CinderResult> ListServicesAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:services:index");
        var now = time.GetUtcNow();
        var fresh = now - options.Value.StaleReportAfter;
        var binary = http.Request.Query["binary"].ToString();
        var host = http.Request.Query["host"].ToString();
        var services = new List<JsonNode>
        {
            Service("cinder-scheduler", "blockstore", options.Value.DefaultAvailabilityZone, up: true, now),
        };
        services.AddRange((await pools.ListAsync(request.CancellationToken))
            .GroupBy(pool => pool.BackendHost, StringComparer.Ordinal)
            .OrderBy(backend => backend.Key, StringComparer.Ordinal)
            .Select(backend => Service("cinder-volume", backend.Key, backend.First().AvailabilityZone,
                up: backend.Max(pool => pool.ReportedAt) >= fresh, backend.Max(pool => pool.ReportedAt))));
        foreach (var service in services)
        {
            AddVersionedFields(service.AsObject(), request);
        }

        var shown = services.Where(service =>
            (binary.Length == 0 || service["binary"]!.GetValue<string>() == binary) &&
            // As Cinder's host filter: a bare host matches its backends too (host@backend).
            (host.Length == 0 || service["host"]!.GetValue<string>() == host || service["host"]!.GetValue<string>().StartsWith(host + "@", StringComparison.Ordinal)));
        return CinderResult.Json(200, new JsonObject { ["services"] = new JsonArray([.. shown]) });
    });

    public Task<CinderResult> ExtensionsAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, request =>
        Task.FromResult(CinderResult.Json(200, new JsonObject
        {
            ["extensions"] = new JsonArray([.. Extensions.Select(alias => (JsonNode)new JsonObject
            {
                ["alias"] = alias,
                ["name"] = alias,
                ["namespace"] = "https://docs.openstack.org/api-ref/block-storage/v3/",
                ["description"] = $"Cinder {alias}, as served by BlockStore.",
                ["updated"] = "2022-08-31T00:00:00+00:00",
                ["links"] = new JsonArray(),
            })]),
        })));

    /// <summary>3.7 adds the (here always null) cluster; 3.49 the backend's state to cinder-volume services.</summary>
    private static void AddVersionedFields(JsonObject service, RequestContext request)
    {
        if (request.IsAtLeast(7))
        {
            service["cluster"] = null;
        }

        if (request.IsAtLeast(49) && service["binary"]!.GetValue<string>() == "cinder-volume")
        {
            service["backend_state"] = service["state"]!.GetValue<string>();
        }
    }

    private static JsonObject Service(string binary, string host, string zone, bool up, DateTimeOffset updated) => new()
    {
        ["binary"] = binary,
        ["host"] = host,
        ["zone"] = zone,
        ["status"] = "enabled",
        ["state"] = up ? "up" : "down",
        ["updated_at"] = VolumeViews.Timestamp(updated),
        ["disabled_reason"] = null,
    };
}
