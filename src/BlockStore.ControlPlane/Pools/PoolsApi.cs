using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Volumes;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Pools;

/// <summary><c>GET /v3/{project_id}/scheduler-stats/get_pools</c>: the pools the scheduler sees (admin only, as in Cinder).</summary>
public sealed class PoolsApi(CinderPipeline pipeline, PoolStore pools)
{
    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("scheduler_extension:scheduler_stats:get_pools");

        var detail = string.Equals(http.Request.Query["detail"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var views = (await pools.ListAsync(request.CancellationToken))
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

    /// <summary>Cinder reports the two special capacities as strings.</summary>
    private static JsonNode Capacity(double? gib) => gib switch
    {
        null => "unknown",
        double.PositiveInfinity => "infinite",
        { } value => value,
    };
}
