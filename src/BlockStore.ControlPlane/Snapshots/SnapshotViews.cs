using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Snapshots;

namespace BlockStore.ControlPlane.Snapshots;

/// <summary>Cinder's snapshot views (api/v3/views/snapshots.py), field for field.</summary>
public static class SnapshotViews
{
    public static JsonObject Summary(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new JsonObject
        {
            ["id"] = snapshot.Id.ToString("D"),
            ["created_at"] = VolumeViews.Timestamp(snapshot.CreatedAt),
            ["updated_at"] = snapshot.UpdatedAt is { } updated ? VolumeViews.Timestamp(updated) : null,
            ["name"] = snapshot.Name,
            ["description"] = snapshot.Description,
            ["volume_id"] = snapshot.VolumeId.ToString("D"),
            ["status"] = snapshot.Status.ToWire(),
            ["size"] = snapshot.SizeGib,
            ["metadata"] = new JsonObject(snapshot.Metadata.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
        };
    }

    /// <summary>
    /// Cinder's v3 snapshot detail without the extended attributes: what create and update answer. Fields that came
    /// with a microversion appear only from it (3.14 <c>group_snapshot_id</c>, 3.41 <c>user_id</c>, 3.65
    /// <c>consumes_quota</c>).
    /// </summary>
    public static JsonObject Full(Snapshot snapshot, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var view = Summary(snapshot);
        if (request.IsAtLeast(14))
        {
            view["group_snapshot_id"] = snapshot.GroupSnapshotId?.ToString("D");
        }

        if (request.IsAtLeast(41))
        {
            view["user_id"] = snapshot.UserId;
        }

        // Every snapshot here consumes quota (there are no temporary snapshots).
        if (request.IsAtLeast(65))
        {
            view["consumes_quota"] = true;
        }

        return view;
    }

    public static JsonObject Detail(Snapshot snapshot, RequestContext request)
    {
        var view = Full(snapshot, request);
        view["os-extended-snapshot-attributes:project_id"] = snapshot.ProjectId;
        // What os-update_snapshot_status reported last; otherwise what Cinder's volume manager sets itself.
        view["os-extended-snapshot-attributes:progress"] = snapshot.Progress ?? (snapshot.Status == SnapshotStatus.Available ? "100%" : "0%");

        return view;
    }
}
