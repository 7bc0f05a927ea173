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
    public static readonly ApiRoute QosSpecsList = new("QosSpecsList", "GET", "v3/{project_id}/qos-specs");
    public static readonly ApiRoute QosSpecsCreate = new("QosSpecsCreate", "POST", "v3/{project_id}/qos-specs");
    public static readonly ApiRoute QosSpecsShow = new("QosSpecsShow", "GET", "v3/{project_id}/qos-specs/{qos_id}");
    public static readonly ApiRoute QosSpecsSetKeys = new("QosSpecsSetKeys", "PUT", "v3/{project_id}/qos-specs/{qos_id}");
    public static readonly ApiRoute QosSpecsDelete = new("QosSpecsDelete", "DELETE", "v3/{project_id}/qos-specs/{qos_id}");
    public static readonly ApiRoute QosSpecsUnsetKeys = new("QosSpecsUnsetKeys", "PUT", "v3/{project_id}/qos-specs/{qos_id}/delete_keys");
    public static readonly ApiRoute QosSpecsAssociations = new("QosSpecsAssociations", "GET", "v3/{project_id}/qos-specs/{qos_id}/associations");
    public static readonly ApiRoute QosSpecsAssociate = new("QosSpecsAssociate", "GET", "v3/{project_id}/qos-specs/{qos_id}/associate");
    public static readonly ApiRoute QosSpecsDisassociate = new("QosSpecsDisassociate", "GET", "v3/{project_id}/qos-specs/{qos_id}/disassociate");
    public static readonly ApiRoute QosSpecsDisassociateAll = new("QosSpecsDisassociateAll", "GET", "v3/{project_id}/qos-specs/{qos_id}/disassociate_all");
    public static readonly ApiRoute AgentReplies = new("AgentReplies", "POST", "agent/v1/replies");
    public static readonly ApiRoute AgentCapacity = new("AgentCapacity", "POST", "agent/v1/capacity");
    public static readonly ApiRoute VolumesSummary = new("VolumesSummary", "GET", "v3/{project_id}/volumes/summary");
    public static readonly ApiRoute ResourceFilters = new("ResourceFilters", "GET", "v3/{project_id}/resource_filters");
    public static readonly ApiRoute DefaultTypesSet = new("DefaultTypesSet", "PUT", "v3/{project_id}/default-types/{target_project_id}");
    public static readonly ApiRoute DefaultTypesShow = new("DefaultTypesShow", "GET", "v3/{project_id}/default-types/{target_project_id}");
    public static readonly ApiRoute DefaultTypesList = new("DefaultTypesList", "GET", "v3/{project_id}/default-types");
    public static readonly ApiRoute DefaultTypesDelete = new("DefaultTypesDelete", "DELETE", "v3/{project_id}/default-types/{target_project_id}");
    public static readonly ApiRoute ProjectlessDefaultTypesSet = new("ProjectlessDefaultTypesSet", "PUT", "v3/default-types/{target_project_id}");
    public static readonly ApiRoute ProjectlessDefaultTypesShow = new("ProjectlessDefaultTypesShow", "GET", "v3/default-types/{target_project_id}");
    public static readonly ApiRoute ProjectlessDefaultTypesList = new("ProjectlessDefaultTypesList", "GET", "v3/default-types");
    public static readonly ApiRoute ProjectlessDefaultTypesDelete = new("ProjectlessDefaultTypesDelete", "DELETE", "v3/default-types/{target_project_id}");
    public static readonly ApiRoute GroupTypesList = new("GroupTypesList", "GET", "v3/{project_id}/group_types");
    public static readonly ApiRoute GroupTypesCreate = new("GroupTypesCreate", "POST", "v3/{project_id}/group_types");
    public static readonly ApiRoute GroupTypesShow = new("GroupTypesShow", "GET", "v3/{project_id}/group_types/{group_type_id}");
    public static readonly ApiRoute GroupTypesUpdate = new("GroupTypesUpdate", "PUT", "v3/{project_id}/group_types/{group_type_id}");
    public static readonly ApiRoute GroupTypesDelete = new("GroupTypesDelete", "DELETE", "v3/{project_id}/group_types/{group_type_id}");
    public static readonly ApiRoute GroupSpecsList = new("GroupSpecsList", "GET", "v3/{project_id}/group_types/{group_type_id}/group_specs");
    public static readonly ApiRoute GroupSpecsCreate = new("GroupSpecsCreate", "POST", "v3/{project_id}/group_types/{group_type_id}/group_specs");
    public static readonly ApiRoute GroupSpecsShow = new("GroupSpecsShow", "GET", "v3/{project_id}/group_types/{group_type_id}/group_specs/{key}");
    public static readonly ApiRoute GroupSpecsUpdate = new("GroupSpecsUpdate", "PUT", "v3/{project_id}/group_types/{group_type_id}/group_specs/{key}");
    public static readonly ApiRoute GroupSpecsDelete = new("GroupSpecsDelete", "DELETE", "v3/{project_id}/group_types/{group_type_id}/group_specs/{key}");
    public static readonly ApiRoute GroupsCreate = new("GroupsCreate", "POST", "v3/{project_id}/groups");
    public static readonly ApiRoute GroupsList = new("GroupsList", "GET", "v3/{project_id}/groups");
    public static readonly ApiRoute GroupsDetail = new("GroupsDetail", "GET", "v3/{project_id}/groups/detail");
    public static readonly ApiRoute GroupsShow = new("GroupsShow", "GET", "v3/{project_id}/groups/{group_id}");
    public static readonly ApiRoute GroupsUpdate = new("GroupsUpdate", "PUT", "v3/{project_id}/groups/{group_id}");
    public static readonly ApiRoute GroupsAction = new("GroupsAction", "POST", "v3/{project_id}/groups/{group_id}/action");
    public static readonly ApiRoute GroupsCreateFromSource = new("GroupsCreateFromSource", "POST", "v3/{project_id}/groups/action");
    public static readonly ApiRoute GroupSnapshotsCreate = new("GroupSnapshotsCreate", "POST", "v3/{project_id}/group_snapshots");
    public static readonly ApiRoute GroupSnapshotsList = new("GroupSnapshotsList", "GET", "v3/{project_id}/group_snapshots");
    public static readonly ApiRoute GroupSnapshotsDetail = new("GroupSnapshotsDetail", "GET", "v3/{project_id}/group_snapshots/detail");
    public static readonly ApiRoute GroupSnapshotsShow = new("GroupSnapshotsShow", "GET", "v3/{project_id}/group_snapshots/{group_snapshot_id}");
    public static readonly ApiRoute GroupSnapshotsDelete = new("GroupSnapshotsDelete", "DELETE", "v3/{project_id}/group_snapshots/{group_snapshot_id}");
    public static readonly ApiRoute GroupSnapshotsAction = new("GroupSnapshotsAction", "POST", "v3/{project_id}/group_snapshots/{group_snapshot_id}/action");
    public static readonly ApiRoute OsTransfersCreate = new("OsTransfersCreate", "POST", "v3/{project_id}/os-volume-transfer");
    public static readonly ApiRoute OsTransfersList = new("OsTransfersList", "GET", "v3/{project_id}/os-volume-transfer");
    public static readonly ApiRoute OsTransfersDetail = new("OsTransfersDetail", "GET", "v3/{project_id}/os-volume-transfer/detail");
    public static readonly ApiRoute OsTransfersShow = new("OsTransfersShow", "GET", "v3/{project_id}/os-volume-transfer/{transfer_id}");
    public static readonly ApiRoute OsTransfersDelete = new("OsTransfersDelete", "DELETE", "v3/{project_id}/os-volume-transfer/{transfer_id}");
    public static readonly ApiRoute OsTransfersAccept = new("OsTransfersAccept", "POST", "v3/{project_id}/os-volume-transfer/{transfer_id}/accept");
    public static readonly ApiRoute VolumeTransfersCreate = new("VolumeTransfersCreate", "POST", "v3/{project_id}/volume-transfers");
    public static readonly ApiRoute VolumeTransfersList = new("VolumeTransfersList", "GET", "v3/{project_id}/volume-transfers");
    public static readonly ApiRoute VolumeTransfersDetail = new("VolumeTransfersDetail", "GET", "v3/{project_id}/volume-transfers/detail");
    public static readonly ApiRoute VolumeTransfersShow = new("VolumeTransfersShow", "GET", "v3/{project_id}/volume-transfers/{transfer_id}");
    public static readonly ApiRoute VolumeTransfersDelete = new("VolumeTransfersDelete", "DELETE", "v3/{project_id}/volume-transfers/{transfer_id}");
    public static readonly ApiRoute VolumeTransfersAccept = new("VolumeTransfersAccept", "POST", "v3/{project_id}/volume-transfers/{transfer_id}/accept");
    public static readonly ApiRoute ServicesUpdate = new("ServicesUpdate", "PUT", "v3/{project_id}/os-services/{action}");
    public static readonly ApiRoute HostsList = new("HostsList", "GET", "v3/{project_id}/os-hosts");
    public static readonly ApiRoute HostsShow = new("HostsShow", "GET", "v3/{project_id}/os-hosts/{host_name}");
    public static readonly ApiRoute CapabilitiesShow = new("CapabilitiesShow", "GET", "v3/{project_id}/capabilities/{host_name}");
    public static readonly ApiRoute TypeEncryptionShow = new("TypeEncryptionShow", "GET", "v3/{project_id}/types/{type_id}/encryption");
    public static readonly ApiRoute TypeEncryptionCreate = new("TypeEncryptionCreate", "POST", "v3/{project_id}/types/{type_id}/encryption");
    public static readonly ApiRoute TypeEncryptionShowItem = new("TypeEncryptionShowItem", "GET", "v3/{project_id}/types/{type_id}/encryption/{key}");
    public static readonly ApiRoute TypeEncryptionUpdate = new("TypeEncryptionUpdate", "PUT", "v3/{project_id}/types/{type_id}/encryption/{key}");
    public static readonly ApiRoute TypeEncryptionDelete = new("TypeEncryptionDelete", "DELETE", "v3/{project_id}/types/{type_id}/encryption/{key}");

    public static IReadOnlyList<ApiRoute> All { get; } =
        [Versions, VersionV3, VolumesCreate, VolumesList, VolumesDetail, VolumesShow, VolumesDelete,
        VolumesUpdate, VolumesAction, VolumeMetadataList, VolumeMetadataMerge, VolumeMetadataReplace, VolumeMetadataShow, VolumeMetadataUpdate, VolumeMetadataDelete,
        SnapshotsCreate, SnapshotsList, SnapshotsDetail, SnapshotsShow, SnapshotsUpdate, SnapshotsDelete, SnapshotsAction,
        SnapshotMetadataList, SnapshotMetadataMerge, SnapshotMetadataReplace, SnapshotMetadataShow, SnapshotMetadataUpdate, SnapshotMetadataDelete,
        TypesList, TypesCreate, TypesShow, TypesUpdate, TypesDelete, TypesAction, TypeAccessList, ExtraSpecsList, ExtraSpecsCreate, ExtraSpecsShow, ExtraSpecsUpdate, ExtraSpecsDelete,
        QuotaSetsShow, QuotaSetsDefaults, QuotaSetsUpdate, QuotaSetsDelete, QuotaClassSetsShow, QuotaClassSetsUpdate, Limits, AvailabilityZones, ServicesList, Extensions,
        MessagesList, MessagesShow, MessagesDelete,
        PoolsList, AgentReplies, AgentCapacity,
        QosSpecsList, QosSpecsCreate, QosSpecsShow, QosSpecsSetKeys, QosSpecsDelete, QosSpecsUnsetKeys, QosSpecsAssociations, QosSpecsAssociate, QosSpecsDisassociate, QosSpecsDisassociateAll,
        VolumesSummary, ResourceFilters,
        DefaultTypesSet, DefaultTypesShow, DefaultTypesList, DefaultTypesDelete,
        ProjectlessDefaultTypesSet, ProjectlessDefaultTypesShow, ProjectlessDefaultTypesList, ProjectlessDefaultTypesDelete,
        GroupTypesList, GroupTypesCreate, GroupTypesShow, GroupTypesUpdate, GroupTypesDelete, GroupSpecsList, GroupSpecsCreate, GroupSpecsShow, GroupSpecsUpdate, GroupSpecsDelete,
        GroupsCreate, GroupsList, GroupsDetail, GroupsShow, GroupsUpdate, GroupsAction, GroupsCreateFromSource,
        GroupSnapshotsCreate, GroupSnapshotsList, GroupSnapshotsDetail, GroupSnapshotsShow, GroupSnapshotsDelete, GroupSnapshotsAction,
        OsTransfersCreate, OsTransfersList, OsTransfersDetail, OsTransfersShow, OsTransfersDelete, OsTransfersAccept, VolumeTransfersCreate, VolumeTransfersList, VolumeTransfersDetail, VolumeTransfersShow, VolumeTransfersDelete, VolumeTransfersAccept,
        ServicesUpdate, HostsList, HostsShow, CapabilitiesShow,
        TypeEncryptionShow, TypeEncryptionCreate, TypeEncryptionShowItem, TypeEncryptionUpdate, TypeEncryptionDelete];

    /// <summary>
    /// The Functions app's project-less URLs (3.67): the Functions host routes before any code of the app runs, so one
    /// catch-all per verb hands <c>/v3/…</c> paths that no route above serves to the function of the project-scoped
    /// route they reach (<see cref="ProjectlessUrls.Match"/>). The host tries literal segments before parameters and
    /// longer templates first, so project URLs, <c>v3</c> and <c>v3/default-types</c> never reach these (the
    /// <c>{collection}</c> segment keeps <c>/v3</c> itself out). The Server maps none of these: it rewrites such paths
    /// before routing, which keeps its 405s (a catch-all would answer every wrong verb).
    /// </summary>
    public static readonly ApiRoute ProjectlessDispatchGet = new("ProjectlessDispatchGet", "GET", "v3/{collection}/{*rest}");
    public static readonly ApiRoute ProjectlessDispatchPost = new("ProjectlessDispatchPost", "POST", "v3/{collection}/{*rest}");
    public static readonly ApiRoute ProjectlessDispatchPut = new("ProjectlessDispatchPut", "PUT", "v3/{collection}/{*rest}");
    public static readonly ApiRoute ProjectlessDispatchDelete = new("ProjectlessDispatchDelete", "DELETE", "v3/{collection}/{*rest}");

    public static IReadOnlyList<ApiRoute> ProjectlessDispatch { get; } =
        [ProjectlessDispatchGet, ProjectlessDispatchPost, ProjectlessDispatchPut, ProjectlessDispatchDelete];
}
