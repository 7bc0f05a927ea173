using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Services;

/// <summary>
/// What Cinder reports about its own services, derived from the agents' capacity reports: availability zones,
/// os-services (a backend is a <c>cinder-volume</c> service, up while it reports) and the extensions list.
/// </summary>
public sealed class ServicesApi(
    CinderPipeline pipeline,
    PoolStore pools,
    ServiceCatalog catalog,
    ServiceStateStore states,
    TimeProvider time,
    IOptions<ControlPlaneOptions> options,
    ILogger<ServicesApi> logger)
{
    /// <summary>
    /// The extensions BlockStore serves, each with Cinder's descriptor (alias, name, docstring, updated), so the list
    /// reads as Cinder's does.
    /// </summary>
    private static readonly (string Alias, string Name, string Description, string Updated)[] Extensions =
    [
        ("os-admin-actions", "AdminActions", "Enable admin actions.", "2012-08-25T00:00:00+00:00"),
        ("os-availability-zone", "AvailabilityZones", "Describe Availability Zones.", "2013-06-27T00:00:00+00:00"),
        ("capabilities", "Capabilities", "Capabilities support.", "2015-08-31T00:00:00+00:00"),
        ("encryption", "VolumeTypeEncryption", "Encryption support for volume types.", "2013-07-01T00:00:00+00:00"),
        ("os-extended-services", "ExtendedServices", "Extended services support.", "2014-01-10T00:00:00-00:00"),
        ("os-extended-snapshot-attributes", "ExtendedSnapshotAttributes", "Extended SnapshotAttributes support.", "2012-06-19T00:00:00+00:00"),
        ("os-hosts", "Hosts", "Admin-only host administration.", "2011-06-29T00:00:00+00:00"),
        ("qos-specs", "Qos_specs_manage", "QoS specs support.", "2013-08-02T00:00:00+00:00"),
        ("os-quota-class-sets", "QuotaClasses", "Quota classes management support.", "2012-03-12T00:00:00+00:00"),
        ("os-quota-sets", "Quotas", "Quota management support.", "2011-08-08T00:00:00+00:00"),
        ("OS-SCH-HNT", "SchedulerHints", "Pass arbitrary key/value pairs to the scheduler.", "2013-04-18T00:00:00+00:00"),
        ("scheduler-stats", "Scheduler_stats", "Scheduler stats support.", "2014-09-07T00:00:00+00:00"),
        ("os-services", "Services", "Services support.", "2012-10-28T00:00:00-00:00"),
        ("os-snapshot-actions", "SnapshotActions", "Enable snapshot manager actions.", "2013-07-16T00:00:00+00:00"),
        ("os-types-extra-specs", "TypesExtraSpecs", "Type extra specs support.", "2011-08-24T00:00:00+00:00"),
        ("os-types-manage", "TypesManage", "Types manage support.", "2011-08-24T00:00:00+00:00"),
        ("os-used-limits", "UsedLimits", "Provide data on limited resources that are being used.", "2013-10-03T00:00:00+00:00"),
        ("os-volume-actions", "VolumeActions", "Enable volume actions.", "2012-05-31T00:00:00+00:00"),
        ("os-vol-host-attr", "VolumeHostAttribute", "Expose host as an attribute of a volume.", "2011-11-03T00:00:00+00:00"),
        ("os-vol-mig-status-attr", "VolumeMigStatusAttribute", "Expose migration_status as an attribute of a volume.", "2013-08-08T00:00:00+00:00"),
        ("os-vol-tenant-attr", "VolumeTenantAttribute", "Expose the internal project_id as an attribute of a volume.", "2011-11-03T00:00:00+00:00"),
        ("os-volume-transfer", "VolumeTransfer", "Volume transfer management support.", "2013-05-29T00:00:00+00:00"),
        ("os-volume-type-access", "VolumeTypeAccess", "Volume type access support.", "2014-06-26T00:00:00Z"),
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
        var binary = http.Request.Query["binary"].ToString();
        var host = http.Request.Query["host"].ToString();
        var shown = (await catalog.ListAsync(request.CancellationToken))
            .Where(service => binary.Length == 0 || service.Binary == binary)
            // As Cinder's host filter: a bare host matches its backends too (host@backend).
            .Where(service => host.Length == 0 || ServiceHosts.Matches(service.Host, host))
            .Select(service => (JsonNode)AddVersionedFields(Service(service), request));
        return CinderResult.Json(200, new JsonObject { ["services"] = new JsonArray([.. shown]) });
    });

    /// <summary>
    /// <c>PUT os-services/{action}</c>: enable, disable and disable-log-reason change what the scheduler may use;
    /// freeze and thaw mark a backend frozen, which the scheduler also leaves out (Cinder's host manager does).
    /// </summary>
    public Task<CinderResult> UpdateAsync(HttpContext http, string projectId, string action) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:services:update");
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var update = ServiceUpdateRequestParser.Parse(action, body.RootElement);
        var services = await catalog.ListAsync(request.CancellationToken);
        if (update.Action is ServiceAction.Freeze or ServiceAction.Thaw)
        {
            return await FreezeOrThawAsync(update, services, request.CancellationToken);
        }

        var binaryKey = update.BinaryKey!;
        var service = services.FirstOrDefault(candidate => candidate.Binary == binaryKey && candidate.Host == update.Host)
            ?? throw new NotFoundException($"Service {binaryKey} could not be found on host {update.Host}.");
        var disabled = update.Action != ServiceAction.Enable;
        var state = await states.SetDisabledAsync(service.Binary, service.Host, disabled, update.DisabledReason,
            setReason: update.Action == ServiceAction.DisableLogReason, request.CancellationToken);
        logger.LogInformation("Service {Binary} on {Host} is now {Status}", service.Binary, service.Host, disabled ? "disabled" : "enabled");
        var result = new JsonObject
        {
            ["disabled"] = state.Disabled,
            ["status"] = state.Disabled ? "disabled" : "enabled",
            ["host"] = update.Host,
            ["service"] = update.Service ?? "",
            ["binary"] = update.Binary ?? "",
        };
        if (update.Action != ServiceAction.Disable)
        {
            result["disabled_reason"] = state.DisabledReason;
        }

        return CinderResult.Json(200, result);
    });

    public Task<CinderResult> ExtensionsAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, request =>
        Task.FromResult(CinderResult.Json(200, new JsonObject
        {
            ["extensions"] = new JsonArray([.. Extensions.Select(extension => (JsonNode)new JsonObject
            {
                ["alias"] = extension.Alias,
                ["name"] = extension.Name,
                ["description"] = extension.Description,
                ["updated"] = extension.Updated,
                ["links"] = new JsonArray(),
            })]),
        })));

    /// <summary>3.7 adds the (here always null) cluster; 3.49 the backend's state to cinder-volume services.</summary>
    private static JsonObject AddVersionedFields(JsonObject service, RequestContext request)
    {
        if (request.IsAtLeast(7))
        {
            service["cluster"] = null;
        }

        if (request.IsAtLeast(49) && service["binary"]!.GetValue<string>() == "cinder-volume")
        {
            service["backend_state"] = service["state"]!.GetValue<string>();
        }

        return service;
    }

    /// <summary>
    /// Cinder's freeze/thaw: every volume service of the host changes, if it was not already in that state; a host
    /// with no volume service, or none that could change, is a 400 (Cinder turns ServiceNotFound into InvalidInput).
    /// </summary>
    private async Task<CinderResult> FreezeOrThawAsync(ServiceUpdateRequest update, IReadOnlyList<ServiceInfo> services, CancellationToken cancellationToken)
    {
        var frozen = update.Action == ServiceAction.Freeze;
        var targets = services.Where(service => service.Binary == ServiceStateStore.VolumeBinary && ServiceHosts.Matches(service.Host, update.Host)).ToList();
        if (targets.Count == 0)
        {
            throw new BadRequestException($"Invalid input received: No service found with host={update.Host}");
        }

        var changed = 0;
        foreach (var target in targets)
        {
            changed += await states.SetFrozenAsync(target.Host, frozen, cancellationToken) is null ? 0 : 1;
        }

        if (changed == 0)
        {
            throw new BadRequestException(
                $"Invalid input received: No service could be changed: frozen in [{string.Join(", ", targets.Select(t => $"'{t.Host}'"))}] must be {(frozen ? "False" : "True")} to failover.");
        }

        logger.LogInformation("Host {Host}: {Count} volume services {Change}", update.Host, changed, frozen ? "frozen" : "thawed");
        return CinderResult.Empty(200);
    }

    private static JsonObject Service(ServiceInfo service)
    {
        var view = new JsonObject
        {
            ["binary"] = service.Binary,
            ["host"] = service.Host,
            ["zone"] = service.Zone,
            ["status"] = service.Disabled ? "disabled" : "enabled",
            ["state"] = service.Up ? "up" : "down",
            ["updated_at"] = VolumeViews.Timestamp(service.UpdatedAt),
            ["disabled_reason"] = service.DisabledReason,
        };
        if (service.Binary == ServiceStateStore.VolumeBinary)
        {
            // os-extended-services adds these for volume services; BlockStore has no replication.
            view["replication_status"] = "disabled";
            view["active_backend_id"] = null;
            view["frozen"] = service.Frozen;
        }

        return view;
    }
}
