using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Groups;

namespace BlockStore.ControlPlane.Groups;

/// <summary>
/// Cinder's group type, group and group snapshot views (api/v3/views/group_types.py, groups.py, group_snapshots.py),
/// field for field: Tempest's schemas refuse any key more.
/// </summary>
public static class GroupViews
{
    public static JsonObject GroupType(GroupType type, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(request);
        var view = new JsonObject
        {
            ["id"] = type.Id.ToString("D"),
            ["name"] = type.Name,
            ["is_public"] = type.IsPublic,
            ["description"] = type.Description,
        };

        // Cinder's policy group:access_group_types_specs: admins only.
        if (request.IsAdmin)
        {
            view["group_specs"] = Specs(type.GroupSpecs);
        }

        return view;
    }

    public static JsonObject Specs(IReadOnlyDictionary<string, string> specs) =>
        new(specs.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));

    public static JsonObject GroupSummary(Group group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return new JsonObject { ["id"] = group.Id.ToString("D"), ["name"] = group.Name };
    }

    /// <param name="volumeIds">The group's volumes, shown when the request asked for them (3.25 <c>list_volume</c>); else null.</param>
    public static JsonObject GroupDetail(Group group, RequestContext request, IEnumerable<Guid>? volumeIds = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(request);
        var view = new JsonObject
        {
            ["id"] = group.Id.ToString("D"),
            ["status"] = group.Status,
            ["availability_zone"] = group.AvailabilityZone,
            ["created_at"] = VolumeViews.Timestamp(group.CreatedAt),
            ["name"] = group.Name,
            ["description"] = group.Description,
            ["group_type"] = group.GroupTypeId.ToString("D"),
            ["volume_types"] = new JsonArray([.. group.VolumeTypeIds.Select(id => (JsonNode)id.ToString("D"))]),
        };

        // Cinder adds these from 3.14 (GROUP_SNAPSHOTS) and 3.38 (GROUP_REPLICATION).
        if (request.ApiVersion >= new Version(3, 14))
        {
            view["group_snapshot_id"] = group.GroupSnapshotId?.ToString("D");
            view["source_group_id"] = group.SourceGroupId?.ToString("D");
        }

        if (volumeIds is not null)
        {
            view["volumes"] = new JsonArray([.. volumeIds.Select(id => (JsonNode)id.ToString("D"))]);
        }

        if (request.ApiVersion >= new Version(3, 38))
        {
            view["replication_status"] = "disabled";
        }

        // 3.58 (GROUP_GROUPSNAPSHOT_PROJECT_ID), behind Cinder's admin-only policy group:group_project_attribute.
        if (request.IsAtLeast(58) && request.IsAdmin)
        {
            view["project_id"] = group.ProjectId;
        }

        return view;
    }

    public static JsonObject SnapshotSummary(GroupSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new JsonObject { ["id"] = snapshot.Id.ToString("D"), ["name"] = snapshot.Name };
    }

    public static JsonObject SnapshotDetail(GroupSnapshot snapshot, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var view = new JsonObject
        {
            ["id"] = snapshot.Id.ToString("D"),
            ["group_id"] = snapshot.GroupId.ToString("D"),
            ["status"] = snapshot.Status,
            ["created_at"] = VolumeViews.Timestamp(snapshot.CreatedAt),
            ["name"] = snapshot.Name,
            ["description"] = snapshot.Description,
            ["group_type_id"] = snapshot.GroupTypeId.ToString("D"),
        };

        // 3.58, behind Cinder's admin-only policy group:group_snapshot_project_attribute.
        if (request.IsAtLeast(58) && request.IsAdmin)
        {
            view["project_id"] = snapshot.ProjectId;
        }

        return view;
    }
}
