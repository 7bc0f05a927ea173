using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>Cinder's volume views (cinder/api/v3/views/volumes.py), field for field.</summary>
public static class VolumeViews
{
    public static JsonObject Summary(Volume volume, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return new JsonObject
        {
            ["id"] = volume.Id.ToString("D"),
            ["name"] = volume.Name,
            ["links"] = Links(volume, request),
        };
    }

    /// <param name="stored">A show or list of stored volumes (not a create's or update's answer): Cinder's default policy
    /// shows these the owning project (<c>volume_extension:volume_tenant_attribute</c> is a project reader's since Xena) and
    /// the visible admin metadata (<c>readonly</c>); host and migration attributes stay an admin's.</param>
    public static JsonObject Detail(Volume volume, RequestContext request, bool stored)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(request);
        var view = new JsonObject
        {
            ["id"] = volume.Id.ToString("D"),
            ["status"] = volume.Status.ToWire(),
            ["size"] = volume.SizeGib,
            ["availability_zone"] = volume.AvailabilityZone,
            ["created_at"] = Timestamp(volume.CreatedAt),
            ["updated_at"] = volume.UpdatedAt is { } updated ? Timestamp(updated) : null,
            ["name"] = volume.Name,
            ["description"] = volume.Description,
            ["volume_type"] = volume.VolumeType,
            ["snapshot_id"] = volume.SnapshotId?.ToString("D"),
            ["source_volid"] = volume.SourceVolumeId?.ToString("D"),
            ["metadata"] = Metadata(volume, stored),
            ["links"] = Links(volume, request),
            ["user_id"] = volume.UserId,
            ["bootable"] = volume.Bootable ? "true" : "false",
            ["encrypted"] = false,
            ["replication_status"] = null,
            ["consistencygroup_id"] = null,
            ["multiattach"] = false,
            ["attachments"] = new JsonArray(),
            ["migration_status"] = null,
        };

        if (stored)
        {
            view["os-vol-tenant-attr:tenant_id"] = volume.ProjectId;
        }

        if (stored && request.IsAdmin)
        {
            view["os-vol-mig-status-attr:migstat"] = null;
            view["os-vol-mig-status-attr:name_id"] = null;
            view["os-vol-host-attr:host"] = volume.Host;
        }

        AddVersionedFields(view, volume, request);
        return view;
    }

    /// <summary>
    /// Fields Cinder adds from a microversion on (api/v3/views/volumes.py); never below it, because clients validate
    /// each response against the schema of the version they asked for, and those schemas forbid unknown keys.
    /// </summary>
    private static void AddVersionedFields(JsonObject view, Volume volume, RequestContext request)
    {
        // Cinder shows the group from 3.13 (GROUP_VOLUME) on.
        if (request.IsAtLeast(13))
        {
            view["group_id"] = volume.GroupId?.ToString("D");
        }

        // Drivers here keep no provider id; Cinder shows the (null) field to admins from 3.21.
        if (request.IsAdmin && request.IsAtLeast(21))
        {
            view["provider_id"] = null;
        }

        if (request.IsAtLeast(48))
        {
            // One target per volume: hosts never need os-brick's shared-target lock. Never null, so 3.69 changes nothing.
            view["shared_targets"] = false;
            view["service_uuid"] = volume.Host is { } host ? ServiceUuids.ForBackend(host).ToString("D") : null;
        }

        if (request.IsAdmin && request.IsAtLeast(61))
        {
            view["cluster_name"] = null;
        }

        if (request.IsAtLeast(63))
        {
            view["volume_type_id"] = volume.VolumeTypeId?.ToString("D");
        }

        // 3.64's encryption_key_id appears only for encrypted volumes, and no volume here is encrypted.
        if (request.IsAtLeast(65))
        {
            view["consumes_quota"] = true;
        }
    }

    /// <summary>User metadata, with the <c>readonly</c> admin metadata once it was set (Cinder's visible admin metadata).</summary>
    public static JsonObject Metadata(Volume volume, bool withAdminFields)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var metadata = new JsonObject(volume.Metadata.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        if (withAdminFields && volume.ReadOnly is { } readOnly)
        {
            metadata["readonly"] = readOnly ? "True" : "False";
        }

        return metadata;
    }

    /// <summary>Cinder's timestamp format: UTC, microseconds, no zone suffix.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff");

    private static JsonArray Links(Volume volume, RequestContext request) =>
    [
        new JsonObject { ["rel"] = "self", ["href"] = $"{request.BaseUrl}/v3/{volume.ProjectId}/volumes/{volume.Id:D}" },
        new JsonObject { ["rel"] = "bookmark", ["href"] = $"{request.BaseUrl}/{volume.ProjectId}/volumes/{volume.Id:D}" },
    ];
}
