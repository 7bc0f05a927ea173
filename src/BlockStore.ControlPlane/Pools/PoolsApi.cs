using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Types;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Filtering;
using BlockStore.Core.Scheduling;
using BlockStore.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Pools;

/// <summary><c>GET /v3/{project_id}/scheduler-stats/get_pools</c>: the pools the scheduler sees (admin only, as in Cinder).</summary>
public sealed class PoolsApi(CinderPipeline pipeline, PoolStore pools, VolumeTypeStore types)
{
    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("scheduler_extension:scheduler_stats:get_pools");

        var detail = RequestFields.QueryBool(http.Request.Query["detail"].ToString(), "detail");
        var views = (await FilterAsync(http, request, await pools.ListAsync(request.CancellationToken)))
            .OrderBy(pool => pool.Name, StringComparer.Ordinal)
            .Select(pool =>
            {
                var view = new JsonObject { ["name"] = pool.Name };
                if (detail)
                {
                    view["capabilities"] = new JsonObject
                    {
                        ["pool_name"] = pool.PoolName,
                        ["volume_backend_name"] = pool.BackendHost[(pool.BackendHost.IndexOf('@', StringComparison.Ordinal) + 1)..],
                        ["availability_zone"] = pool.AvailabilityZone,
                        ["total_capacity_gb"] = Capacity(pool.TotalCapacityGib),
                        ["free_capacity_gb"] = Capacity(pool.FreeCapacityGib),
                        ["allocated_capacity_gb"] = pool.AllocatedCapacityGib,
                        ["reserved_percentage"] = pool.ReservedPercentage,
                        ["timestamp"] = VolumeViews.Timestamp(pool.ReportedAt),
                        ["storage_protocol"] = pool.Capabilities.GetValueOrDefault("storage_protocol", ""),
                        ["vendor_name"] = pool.Capabilities.GetValueOrDefault("vendor_name", "BlockStore"),
                        ["driver_version"] = pool.Capabilities.GetValueOrDefault("driver_version", "1.0"),
                        ["thin_provisioning_support"] = pool.ThinProvisioningSupport,
                        ["thick_provisioning_support"] = pool.ThickProvisioningSupport,
                        ["max_over_subscription_ratio"] = pool.MaxOverSubscriptionRatio,
                        ["provisioned_capacity_gb"] = pool.ProvisionedCapacityGib,
                    };
                }

                return (JsonNode)view;
            });
        return CinderResult.Json(200, new JsonObject { ["pools"] = new JsonArray([.. views]) });
    });

    /// <summary>
    /// From 3.28 every query key but <c>detail</c> filters (the pool's name, or a capability it reports, compared as
    /// strings); from 3.35 <c>volume_type</c> keeps the pools the type's extra specs can be placed on; from 3.31 only
    /// Cinder's enabled pool filters (<c>name</c>, <c>volume_type</c>) are accepted, from admins too.
    /// </summary>
    private async Task<IEnumerable<PoolStats>> FilterAsync(HttpContext http, RequestContext request, IEnumerable<PoolStats> all)
    {
        if (!request.IsAtLeast(28))
        {
            return all;
        }

        var filters = http.Request.Query.Where(pair => pair.Key != "detail").ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        if (request.IsAtLeast(31))
        {
            ResourceFilters.Reject("pool", filters.Keys, request.IsAdmin, likeFilters: false);
        }

        if (filters.Remove("volume_type", out var typeName) && request.IsAtLeast(35))
        {
            var type = await types.FindAsync(typeName, request.CancellationToken) ?? throw new NotFoundException($"Volume type with name {typeName} could not be found.");
            var placement = new PlacementRequest { SizeGib = 0, ExtraSpecs = type.ExtraSpecs };
            all = all.Where(pool => BackendName.Passes(pool, placement) && Capabilities.Passes(pool, placement));
        }

        foreach (var (key, wanted) in filters)
        {
            all = all.Where(pool => (key == "name" ? pool.Name : CapabilitiesFilter.Reported(pool, key)) == wanted);
        }

        return all;
    }

    private static readonly BackendNameFilter BackendName = new();
    private static readonly CapabilitiesFilter Capabilities = new();

    /// <summary>Cinder reports the two special capacities as strings.</summary>
    private static JsonNode Capacity(double? gib) => gib switch
    {
        null => "unknown",
        double.PositiveInfinity => "infinite",
        { } value => value,
    };
}
