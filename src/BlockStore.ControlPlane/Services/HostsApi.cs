using System.Globalization;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Services;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Services;

/// <summary>
/// Cinder's admin <c>os-hosts</c> extension (deprecated there, still served): the enabled services as hosts, and
/// per volume host the volumes and snapshots it holds, in total and by project. Counts are strings, as Cinder's.
/// </summary>
public sealed class HostsApi(CinderPipeline pipeline, ServiceCatalog catalog, VolumeStore volumes, SnapshotStore snapshots)
{
    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:hosts");
        var zone = http.Request.Query["zone"].ToString();
        var hosts = (await catalog.ListAsync(request.CancellationToken))
            // Cinder lists the services with disabled=False only.
            .Where(service => !service.Disabled)
            .Where(service => zone.Length == 0 || service.Zone == zone)
            .Select(service => (JsonNode)new JsonObject
            {
                ["host_name"] = service.Host,
                ["service"] = service.Binary,
                ["zone"] = service.Zone,
                ["service-status"] = service.Up ? "available" : "unavailable",
                ["service-state"] = service.Disabled ? "disabled" : "enabled",
                ["last-update"] = VolumeViews.Timestamp(service.UpdatedAt),
            });
        return CinderResult.Json(200, new JsonObject { ["hosts"] = new JsonArray([.. hosts]) });
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string host) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:hosts");
        var service = (await catalog.ListAsync(request.CancellationToken))
            .FirstOrDefault(candidate => candidate.Binary == ServiceStateStore.VolumeBinary && ServiceHosts.Matches(candidate.Host, host))
            ?? throw new NotFoundException($"Host {host} could not be found.");

        var onHost = (await volumes.ListAsync(null, request.CancellationToken))
            .Where(volume => volume.Host is { } placed && ServiceHosts.Matches(placed, service.Host))
            .ToList();
        var snapshotsOnHost = (await snapshots.ListAsync(null, request.CancellationToken))
            .Where(snapshot => snapshot.Host is { } placed && ServiceHosts.Matches(placed, service.Host))
            .ToList();
        var resources = new JsonArray
        {
            Resource(host, "(total)", onHost.Count, onHost.Sum(volume => volume.SizeGib), snapshotsOnHost.Count, snapshotsOnHost.Sum(snapshot => snapshot.SizeGib)),
        };
        foreach (var project in onHost.Select(volume => volume.ProjectId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var projectVolumes = onHost.Where(volume => volume.ProjectId == project).ToList();
            var projectSnapshots = snapshotsOnHost.Where(snapshot => snapshot.ProjectId == project).ToList();
            resources.Add(Resource(host, project, projectVolumes.Count, projectVolumes.Sum(volume => volume.SizeGib),
                projectSnapshots.Count, projectSnapshots.Sum(snapshot => snapshot.SizeGib)));
        }

        return CinderResult.Json(200, new JsonObject { ["host"] = resources });
    });

    private static JsonObject Resource(string host, string project, int volumeCount, long volumeGib, int snapshotCount, long snapshotGib) => new()
    {
        ["resource"] = new JsonObject
        {
            ["host"] = host,
            ["project"] = project,
            ["volume_count"] = volumeCount.ToString(CultureInfo.InvariantCulture),
            ["total_volume_gb"] = volumeGib.ToString(CultureInfo.InvariantCulture),
            ["snapshot_count"] = snapshotCount.ToString(CultureInfo.InvariantCulture),
            ["total_snapshot_gb"] = snapshotGib.ToString(CultureInfo.InvariantCulture),
        },
    };
}
