namespace BlockStore.ControlPlane.Http;

/// <summary>
/// Every route both hosts serve, in one list: the Server maps exactly these, and a test checks that the
/// Functions app's generated metadata declares exactly these, so neither host can grow a route alone.
/// </summary>
public static class ApiRoutes
{
    public static readonly ApiRoute Versions = new("Versions", "GET", "");
    public static readonly ApiRoute VersionV3 = new("VersionV3", "GET", "v3");
    public static readonly ApiRoute VolumesCreate = new("VolumesCreate", "POST", "v3/{project_id}/volumes");
    public static readonly ApiRoute VolumesList = new("VolumesList", "GET", "v3/{project_id}/volumes");
    public static readonly ApiRoute VolumesDetail = new("VolumesDetail", "GET", "v3/{project_id}/volumes/detail");
    public static readonly ApiRoute VolumesShow = new("VolumesShow", "GET", "v3/{project_id}/volumes/{volume_id}");
    public static readonly ApiRoute VolumesDelete = new("VolumesDelete", "DELETE", "v3/{project_id}/volumes/{volume_id}");
    public static readonly ApiRoute VolumesUpdate = new("VolumesUpdate", "PUT", "v3/{project_id}/volumes/{volume_id}");
    public static readonly ApiRoute VolumesAction = new("VolumesAction", "POST", "v3/{project_id}/volumes/{volume_id}/action");
    public static readonly ApiRoute VolumeMetadataList = new("VolumeMetadataList", "GET", "v3/{project_id}/volumes/{volume_id}/metadata");
    public static readonly ApiRoute VolumeMetadataMerge = new("VolumeMetadataMerge", "POST", "v3/{project_id}/volumes/{volume_id}/metadata");
    public static readonly ApiRoute VolumeMetadataReplace = new("VolumeMetadataReplace", "PUT", "v3/{project_id}/volumes/{volume_id}/metadata");
    public static readonly ApiRoute VolumeMetadataShow = new("VolumeMetadataShow", "GET", "v3/{project_id}/volumes/{volume_id}/metadata/{key}");
    public static readonly ApiRoute VolumeMetadataUpdate = new("VolumeMetadataUpdate", "PUT", "v3/{project_id}/volumes/{volume_id}/metadata/{key}");
    public static readonly ApiRoute VolumeMetadataDelete = new("VolumeMetadataDelete", "DELETE", "v3/{project_id}/volumes/{volume_id}/metadata/{key}");
    public static readonly ApiRoute SnapshotsCreate = new("SnapshotsCreate", "POST", "v3/{project_id}/snapshots");
    public static readonly ApiRoute SnapshotsList = new("SnapshotsList", "GET", "v3/{project_id}/snapshots");
    public static readonly ApiRoute SnapshotsDetail = new("SnapshotsDetail", "GET", "v3/{project_id}/snapshots/detail");
    public static readonly ApiRoute SnapshotsShow = new("SnapshotsShow", "GET", "v3/{project_id}/snapshots/{snapshot_id}");
    public static readonly ApiRoute SnapshotsUpdate = new("SnapshotsUpdate", "PUT", "v3/{project_id}/snapshots/{snapshot_id}");
    public static readonly ApiRoute SnapshotsDelete = new("SnapshotsDelete", "DELETE", "v3/{project_id}/snapshots/{snapshot_id}");
    public static readonly ApiRoute SnapshotsAction = new("SnapshotsAction", "POST", "v3/{project_id}/snapshots/{snapshot_id}/action");
    public static readonly ApiRoute SnapshotMetadataList = new("SnapshotMetadataList", "GET", "v3/{project_id}/snapshots/{snapshot_id}/metadata");
    public static readonly ApiRoute SnapshotMetadataMerge = new("SnapshotMetadataMerge", "POST", "v3/{project_id}/snapshots/{snapshot_id}/metadata");
    public static readonly ApiRoute SnapshotMetadataReplace = new("SnapshotMetadataReplace", "PUT", "v3/{project_id}/snapshots/{snapshot_id}/metadata");
    public static readonly ApiRoute SnapshotMetadataShow = new("SnapshotMetadataShow", "GET", "v3/{project_id}/snapshots/{snapshot_id}/metadata/{key}");
    public static readonly ApiRoute SnapshotMetadataUpdate = new("SnapshotMetadataUpdate", "PUT", "v3/{project_id}/snapshots/{snapshot_id}/metadata/{key}");
    public static readonly ApiRoute SnapshotMetadataDelete = new("SnapshotMetadataDelete", "DELETE", "v3/{project_id}/snapshots/{snapshot_id}/metadata/{key}");
    public static readonly ApiRoute TypesList = new("TypesList", "GET", "v3/{project_id}/types");
    public static readonly ApiRoute TypesCreate = new("TypesCreate", "POST", "v3/{project_id}/types");
    public static readonly ApiRoute TypesShow = new("TypesShow", "GET", "v3/{project_id}/types/{type_id}");
    public static readonly ApiRoute TypesUpdate = new("TypesUpdate", "PUT", "v3/{project_id}/types/{type_id}");
    public static readonly ApiRoute TypesDelete = new("TypesDelete", "DELETE", "v3/{project_id}/types/{type_id}");
    public static readonly ApiRoute TypesAction = new("TypesAction", "POST", "v3/{project_id}/types/{type_id}/action");
    public static readonly ApiRoute TypeAccessList = new("TypeAccessList", "GET", "v3/{project_id}/types/{type_id}/os-volume-type-access");
    public static readonly ApiRoute ExtraSpecsList = new("ExtraSpecsList", "GET", "v3/{project_id}/types/{type_id}/extra_specs");
    public static readonly ApiRoute ExtraSpecsCreate = new("ExtraSpecsCreate", "POST", "v3/{project_id}/types/{type_id}/extra_specs");
    public static readonly ApiRoute ExtraSpecsShow = new("ExtraSpecsShow", "GET", "v3/{project_id}/types/{type_id}/extra_specs/{key}");
    public static readonly ApiRoute ExtraSpecsUpdate = new("ExtraSpecsUpdate", "PUT", "v3/{project_id}/types/{type_id}/extra_specs/{key}");
    public static readonly ApiRoute ExtraSpecsDelete = new("ExtraSpecsDelete", "DELETE", "v3/{project_id}/types/{type_id}/extra_specs/{key}");
    public static readonly ApiRoute QuotaSetsShow = new("QuotaSetsShow", "GET", "v3/{project_id}/os-quota-sets/{target_id}");
    public static readonly ApiRoute QuotaSetsDefaults = new("QuotaSetsDefaults", "GET", "v3/{project_id}/os-quota-sets/{target_id}/defaults");
    public static readonly ApiRoute QuotaSetsUpdate = new("QuotaSetsUpdate", "PUT", "v3/{project_id}/os-quota-sets/{target_id}");
    public static readonly ApiRoute QuotaSetsDelete = new("QuotaSetsDelete", "DELETE", "v3/{project_id}/os-quota-sets/{target_id}");
    public static readonly ApiRoute QuotaClassSetsShow = new("QuotaClassSetsShow", "GET", "v3/{project_id}/os-quota-class-sets/{class_name}");
    public static readonly ApiRoute QuotaClassSetsUpdate = new("QuotaClassSetsUpdate", "PUT", "v3/{project_id}/os-quota-class-sets/{class_name}");
    public static readonly ApiRoute Limits = new("Limits", "GET", "v3/{project_id}/limits");
    public static readonly ApiRoute AvailabilityZones = new("AvailabilityZones", "GET", "v3/{project_id}/os-availability-zone");
    public static readonly ApiRoute ServicesList = new("ServicesList", "GET", "v3/{project_id}/os-services");
    public static readonly ApiRoute Extensions = new("Extensions", "GET", "v3/{project_id}/extensions");
    public static readonly ApiRoute MessagesList = new("MessagesList", "GET", "v3/{project_id}/messages");
    public static readonly ApiRoute MessagesShow = new("MessagesShow", "GET", "v3/{project_id}/messages/{message_id}");
    public static readonly ApiRoute MessagesDelete = new("MessagesDelete", "DELETE", "v3/{project_id}/messages/{message_id}");
    public static readonly ApiRoute PoolsList = new("PoolsList", "GET", "v3/{project_id}/scheduler-stats/get_pools");
    public static readonly ApiRoute AgentReplies = new("AgentReplies", "POST", "agent/v1/replies");
    public static readonly ApiRoute AgentCapacity = new("AgentCapacity", "POST", "agent/v1/capacity");
    public static readonly ApiRoute ServicesUpdate = new("ServicesUpdate", "PUT", "v3/{project_id}/os-services/{action}");
    public static readonly ApiRoute HostsList = new("HostsList", "GET", "v3/{project_id}/os-hosts");
    public static readonly ApiRoute HostsShow = new("HostsShow", "GET", "v3/{project_id}/os-hosts/{host_name}");
    public static readonly ApiRoute CapabilitiesShow = new("CapabilitiesShow", "GET", "v3/{project_id}/capabilities/{host_name}");

    public static IReadOnlyList<ApiRoute> All { get; } =
        [Versions, VersionV3, VolumesCreate, VolumesList, VolumesDetail, VolumesShow, VolumesDelete,
        VolumesUpdate, VolumesAction, VolumeMetadataList, VolumeMetadataMerge, VolumeMetadataReplace, VolumeMetadataShow, VolumeMetadataUpdate, VolumeMetadataDelete,
        SnapshotsCreate, SnapshotsList, SnapshotsDetail, SnapshotsShow, SnapshotsUpdate, SnapshotsDelete, SnapshotsAction,
        SnapshotMetadataList, SnapshotMetadataMerge, SnapshotMetadataReplace, SnapshotMetadataShow, SnapshotMetadataUpdate, SnapshotMetadataDelete,
        TypesList, TypesCreate, TypesShow, TypesUpdate, TypesDelete, TypesAction, TypeAccessList, ExtraSpecsList, ExtraSpecsCreate, ExtraSpecsShow, ExtraSpecsUpdate, ExtraSpecsDelete,
        QuotaSetsShow, QuotaSetsDefaults, QuotaSetsUpdate, QuotaSetsDelete, QuotaClassSetsShow, QuotaClassSetsUpdate, Limits, AvailabilityZones, ServicesList, Extensions,
        MessagesList, MessagesShow, MessagesDelete,
        PoolsList, AgentReplies, AgentCapacity,
        ServicesUpdate, HostsList, HostsShow, CapabilitiesShow];
}
