using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Pools;
using BlockStore.Core.Errors;
using BlockStore.Core.Services;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Services;

/// <summary>
/// <c>GET /v3/{project_id}/capabilities/{host}</c> (admin): Cinder's capabilities view of one volume backend,
/// built from its last pool report, with the same vendor, backend name and protocol as <c>get_pools</c> shows.
/// </summary>
public sealed class CapabilitiesApi(CinderPipeline pipeline, PoolStore pools)
{
    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string host) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:capabilities");
        // Cinder matches the volume service by host or cluster; a pool name reaches here only percent-encoded
        // (a raw '#' is a fragment the client never sends), and names its backend's service.
        var hash = host.IndexOf('#', StringComparison.Ordinal);
        var backendOrHost = hash < 0 ? host : host[..hash];
        var backendPools = (await pools.ListAsync(request.CancellationToken))
            .Where(pool => ServiceHosts.Matches(pool.BackendHost, backendOrHost))
            .OrderBy(pool => pool.BackendHost, StringComparer.Ordinal)
            .ThenBy(pool => pool.PoolName, StringComparer.Ordinal)
            .ToList();
        if (backendPools.Count == 0)
        {
            throw new NotFoundException($"Can't find service: {host}");
        }

        var backend = backendPools[0].BackendHost;
        var ofBackend = backendPools.Where(pool => pool.BackendHost == backend).ToList();
        var first = ofBackend[0];
        var view = new JsonObject
        {
            ["namespace"] = $"OS::Storage::Capabilities::{backend}",
            ["vendor_name"] = first.Capabilities.GetValueOrDefault("vendor_name", "BlockStore"),
            ["volume_backend_name"] = backend[(backend.IndexOf('@', StringComparison.Ordinal) + 1)..],
            // A driver with one pool reports it at the top of its stats; one with several reports none there.
            ["pool_name"] = ofBackend.Count == 1 ? first.PoolName : null,
            ["driver_version"] = first.Capabilities.GetValueOrDefault("driver_version", "1.0"),
            ["storage_protocol"] = first.Capabilities.GetValueOrDefault("storage_protocol", ""),
            ["display_name"] = null,
            ["description"] = null,
            ["visibility"] = null,
            ["replication_targets"] = new JsonArray(),
            ["properties"] = new JsonObject
            {
                ["thin_provisioning"] = Property("Thin Provisioning", "Sets thin provisioning."),
                ["compression"] = Property("Compression", "Enables compression."),
                ["qos"] = Property("QoS", "Enables QoS."),
                ["replication_enabled"] = Property("Replication", "Enables replication."),
            },
        };
        return CinderResult.Json(200, view);
    });

    /// <summary>Cinder's standard capabilities: the extra-spec keys every driver understands, typed for a UI.</summary>
    private static JsonObject Property(string title, string description) => new()
    {
        ["title"] = title,
        ["description"] = description,
        ["type"] = "boolean",
    };
}
