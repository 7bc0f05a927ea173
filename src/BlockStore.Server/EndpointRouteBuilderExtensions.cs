using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Messages;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Quotas;
using BlockStore.ControlPlane.Services;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Types;
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
        var actions = endpoints.ServiceProvider.GetRequiredService<VolumeActionsApi>();
        var metadata = endpoints.ServiceProvider.GetRequiredService<VolumeMetadataApi>();
        var snapshots = endpoints.ServiceProvider.GetRequiredService<SnapshotsApi>();
        var snapshotMetadata = endpoints.ServiceProvider.GetRequiredService<SnapshotMetadataApi>();
        var types = endpoints.ServiceProvider.GetRequiredService<VolumeTypesApi>();
        var quotas = endpoints.ServiceProvider.GetRequiredService<QuotasApi>();
        var services = endpoints.ServiceProvider.GetRequiredService<ServicesApi>();
        var messages = endpoints.ServiceProvider.GetRequiredService<MessagesApi>();
        var pools = endpoints.ServiceProvider.GetRequiredService<PoolsApi>();
        var agents = endpoints.ServiceProvider.GetRequiredService<AgentApi>();

        Map(endpoints, ApiRoutes.Versions, (HttpContext http) => versions.ListAsync(http));
        Map(endpoints, ApiRoutes.VersionV3, (HttpContext http) => versions.ShowV3Async(http));
        Map(endpoints, ApiRoutes.VolumesCreate, (HttpContext http, string project_id) => volumes.CreateAsync(http, project_id));
        Map(endpoints, ApiRoutes.VolumesList, (HttpContext http, string project_id) => volumes.ListAsync(http, project_id));
        Map(endpoints, ApiRoutes.VolumesDetail, (HttpContext http, string project_id) => volumes.ListDetailAsync(http, project_id));
        Map(endpoints, ApiRoutes.VolumesShow, (HttpContext http, string project_id, string volume_id) => volumes.ShowAsync(http, project_id, volume_id));
        Map(endpoints, ApiRoutes.VolumesDelete, (HttpContext http, string project_id, string volume_id) => volumes.DeleteAsync(http, project_id, volume_id));
        Map(endpoints, ApiRoutes.VolumesUpdate, (HttpContext http, string project_id, string volume_id) => metadata.UpdateAsync(http, project_id, volume_id));
        Map(endpoints, ApiRoutes.VolumesAction, (HttpContext http, string project_id, string volume_id) => actions.ActionAsync(http, project_id, volume_id));
        Map(endpoints, ApiRoutes.VolumeMetadataList, (HttpContext http, string project_id, string volume_id) => metadata.ListAsync(http, project_id, volume_id));
        Map(endpoints, ApiRoutes.VolumeMetadataMerge, (HttpContext http, string project_id, string volume_id) => metadata.MergeAsync(http, project_id, volume_id));
        Map(endpoints, ApiRoutes.VolumeMetadataReplace, (HttpContext http, string project_id, string volume_id) => metadata.ReplaceAsync(http, project_id, volume_id));
        Map(endpoints, ApiRoutes.VolumeMetadataShow, (HttpContext http, string project_id, string volume_id, string key) => metadata.ShowItemAsync(http, project_id, volume_id, key));
        Map(endpoints, ApiRoutes.VolumeMetadataUpdate, (HttpContext http, string project_id, string volume_id, string key) => metadata.UpdateItemAsync(http, project_id, volume_id, key));
        Map(endpoints, ApiRoutes.VolumeMetadataDelete, (HttpContext http, string project_id, string volume_id, string key) => metadata.DeleteItemAsync(http, project_id, volume_id, key));
        Map(endpoints, ApiRoutes.SnapshotsCreate, (HttpContext http, string project_id) => snapshots.CreateAsync(http, project_id));
        Map(endpoints, ApiRoutes.SnapshotsList, (HttpContext http, string project_id) => snapshots.ListAsync(http, project_id));
        Map(endpoints, ApiRoutes.SnapshotsDetail, (HttpContext http, string project_id) => snapshots.ListDetailAsync(http, project_id));
        Map(endpoints, ApiRoutes.SnapshotsShow, (HttpContext http, string project_id, string snapshot_id) => snapshots.ShowAsync(http, project_id, snapshot_id));
        Map(endpoints, ApiRoutes.SnapshotsUpdate, (HttpContext http, string project_id, string snapshot_id) => snapshots.UpdateAsync(http, project_id, snapshot_id));
        Map(endpoints, ApiRoutes.SnapshotsDelete, (HttpContext http, string project_id, string snapshot_id) => snapshots.DeleteAsync(http, project_id, snapshot_id));
        Map(endpoints, ApiRoutes.SnapshotsAction, (HttpContext http, string project_id, string snapshot_id) => snapshots.ActionAsync(http, project_id, snapshot_id));
        Map(endpoints, ApiRoutes.SnapshotMetadataList, (HttpContext http, string project_id, string snapshot_id) => snapshotMetadata.ListAsync(http, project_id, snapshot_id));
        Map(endpoints, ApiRoutes.SnapshotMetadataMerge, (HttpContext http, string project_id, string snapshot_id) => snapshotMetadata.MergeAsync(http, project_id, snapshot_id));
        Map(endpoints, ApiRoutes.SnapshotMetadataReplace, (HttpContext http, string project_id, string snapshot_id) => snapshotMetadata.ReplaceAsync(http, project_id, snapshot_id));
        Map(endpoints, ApiRoutes.SnapshotMetadataShow, (HttpContext http, string project_id, string snapshot_id, string key) => snapshotMetadata.ShowItemAsync(http, project_id, snapshot_id, key));
        Map(endpoints, ApiRoutes.SnapshotMetadataUpdate, (HttpContext http, string project_id, string snapshot_id, string key) => snapshotMetadata.UpdateItemAsync(http, project_id, snapshot_id, key));
        Map(endpoints, ApiRoutes.SnapshotMetadataDelete, (HttpContext http, string project_id, string snapshot_id, string key) => snapshotMetadata.DeleteItemAsync(http, project_id, snapshot_id, key));
        Map(endpoints, ApiRoutes.TypesList, (HttpContext http, string project_id) => types.ListAsync(http, project_id));
        Map(endpoints, ApiRoutes.TypesCreate, (HttpContext http, string project_id) => types.CreateAsync(http, project_id));
        Map(endpoints, ApiRoutes.TypesShow, (HttpContext http, string project_id, string type_id) => types.ShowAsync(http, project_id, type_id));
        Map(endpoints, ApiRoutes.TypesUpdate, (HttpContext http, string project_id, string type_id) => types.UpdateAsync(http, project_id, type_id));
        Map(endpoints, ApiRoutes.TypesDelete, (HttpContext http, string project_id, string type_id) => types.DeleteAsync(http, project_id, type_id));
        Map(endpoints, ApiRoutes.TypesAction, (HttpContext http, string project_id, string type_id) => types.ActionAsync(http, project_id, type_id));
        Map(endpoints, ApiRoutes.TypeAccessList, (HttpContext http, string project_id, string type_id) => types.ListAccessAsync(http, project_id, type_id));
        Map(endpoints, ApiRoutes.ExtraSpecsList, (HttpContext http, string project_id, string type_id) => types.ListExtraSpecsAsync(http, project_id, type_id));
        Map(endpoints, ApiRoutes.ExtraSpecsCreate, (HttpContext http, string project_id, string type_id) => types.SetExtraSpecsAsync(http, project_id, type_id));
        Map(endpoints, ApiRoutes.ExtraSpecsShow, (HttpContext http, string project_id, string type_id, string key) => types.ShowExtraSpecAsync(http, project_id, type_id, key));
        Map(endpoints, ApiRoutes.ExtraSpecsUpdate, (HttpContext http, string project_id, string type_id, string key) => types.UpdateExtraSpecAsync(http, project_id, type_id, key));
        Map(endpoints, ApiRoutes.ExtraSpecsDelete, (HttpContext http, string project_id, string type_id, string key) => types.DeleteExtraSpecAsync(http, project_id, type_id, key));
        Map(endpoints, ApiRoutes.QuotaSetsShow, (HttpContext http, string project_id, string target_id) => quotas.ShowAsync(http, project_id, target_id));
        Map(endpoints, ApiRoutes.QuotaSetsDefaults, (HttpContext http, string project_id, string target_id) => quotas.DefaultsAsync(http, project_id, target_id));
        Map(endpoints, ApiRoutes.QuotaSetsUpdate, (HttpContext http, string project_id, string target_id) => quotas.UpdateAsync(http, project_id, target_id));
        Map(endpoints, ApiRoutes.QuotaSetsDelete, (HttpContext http, string project_id, string target_id) => quotas.DeleteAsync(http, project_id, target_id));
        Map(endpoints, ApiRoutes.QuotaClassSetsShow, (HttpContext http, string project_id, string class_name) => quotas.ShowClassAsync(http, project_id, class_name));
        Map(endpoints, ApiRoutes.QuotaClassSetsUpdate, (HttpContext http, string project_id, string class_name) => quotas.UpdateClassAsync(http, project_id, class_name));
        Map(endpoints, ApiRoutes.Limits, (HttpContext http, string project_id) => quotas.LimitsAsync(http, project_id));
        Map(endpoints, ApiRoutes.AvailabilityZones, (HttpContext http, string project_id) => services.AvailabilityZonesAsync(http, project_id));
        Map(endpoints, ApiRoutes.ServicesList, (HttpContext http, string project_id) => services.ListServicesAsync(http, project_id));
        Map(endpoints, ApiRoutes.Extensions, (HttpContext http, string project_id) => services.ExtensionsAsync(http, project_id));
        Map(endpoints, ApiRoutes.MessagesList, (HttpContext http, string project_id) => messages.ListAsync(http, project_id));
        Map(endpoints, ApiRoutes.MessagesShow, (HttpContext http, string project_id, string message_id) => messages.ShowAsync(http, project_id, message_id));
        Map(endpoints, ApiRoutes.MessagesDelete, (HttpContext http, string project_id, string message_id) => messages.DeleteAsync(http, project_id, message_id));
        Map(endpoints, ApiRoutes.PoolsList, (HttpContext http, string project_id) => pools.ListAsync(http, project_id));
        Map(endpoints, ApiRoutes.AgentReplies, (HttpContext http) => agents.ReplyAsync(http));
        Map(endpoints, ApiRoutes.AgentCapacity, (HttpContext http) => agents.CapacityAsync(http));
        var hosts = endpoints.ServiceProvider.GetRequiredService<HostsApi>();
        var capabilities = endpoints.ServiceProvider.GetRequiredService<CapabilitiesApi>();
        Map(endpoints, ApiRoutes.ServicesUpdate, (HttpContext http, string project_id, string action) => services.UpdateAsync(http, project_id, action));
        Map(endpoints, ApiRoutes.HostsList, (HttpContext http, string project_id) => hosts.ListAsync(http, project_id));
        Map(endpoints, ApiRoutes.HostsShow, (HttpContext http, string project_id, string host_name) => hosts.ShowAsync(http, project_id, host_name));
        Map(endpoints, ApiRoutes.CapabilitiesShow, (HttpContext http, string project_id, string host_name) => capabilities.ShowAsync(http, project_id, host_name));
        return endpoints;
    }

    private static void Map(IEndpointRouteBuilder endpoints, ApiRoute route, Delegate handler) =>
        endpoints.MapMethods("/" + route.Template, [route.Method], handler).WithName(route.Name);
}
