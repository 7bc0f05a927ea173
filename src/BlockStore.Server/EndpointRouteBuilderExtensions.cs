using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Volumes;

namespace BlockStore.Server;

/// <summary>Maps every route of <see cref="ApiRoutes.All"/> to its shared handler; nothing here decides anything.</summary>
public static class EndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapBlockStoreApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var versions = endpoints.ServiceProvider.GetRequiredService<VersionsApi>();
        var volumes = endpoints.ServiceProvider.GetRequiredService<VolumesApi>();
        var pools = endpoints.ServiceProvider.GetRequiredService<PoolsApi>();
        var agents = endpoints.ServiceProvider.GetRequiredService<AgentApi>();

        Map(endpoints, ApiRoutes.Versions, (HttpContext http) => versions.ListAsync(http));
        Map(endpoints, ApiRoutes.VersionV3, (HttpContext http) => versions.ShowV3Async(http));
        Map(endpoints, ApiRoutes.VolumesCreate, (HttpContext http, string project_id) => volumes.CreateAsync(http, project_id));
        Map(endpoints, ApiRoutes.VolumesList, (HttpContext http, string project_id) => volumes.ListAsync(http, project_id));
        Map(endpoints, ApiRoutes.VolumesDetail, (HttpContext http, string project_id) => volumes.ListDetailAsync(http, project_id));
        Map(endpoints, ApiRoutes.VolumesShow, (HttpContext http, string project_id, string volume_id) => volumes.ShowAsync(http, project_id, volume_id));
        Map(endpoints, ApiRoutes.VolumesDelete, (HttpContext http, string project_id, string volume_id) => volumes.DeleteAsync(http, project_id, volume_id));
        Map(endpoints, ApiRoutes.PoolsList, (HttpContext http, string project_id) => pools.ListAsync(http, project_id));
        Map(endpoints, ApiRoutes.AgentReplies, (HttpContext http) => agents.ReplyAsync(http));
        Map(endpoints, ApiRoutes.AgentCapacity, (HttpContext http) => agents.CapacityAsync(http));
        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, ApiRoute route, Delegate handler) =>
        endpoints.MapMethods("/" + route.Template, [route.Method], handler).WithName(route.Name);
}
