using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Types;
using BlockStore.Core.Qos;
using BlockStore.Core.Types;

namespace BlockStore.ControlPlane.Qos;

/// <summary>Cinder's QoS spec views (api/views/qos_specs.py): the list has bare specs, create and show add links.</summary>
public static class QosSpecViews
{
    public static JsonObject Summary(QosSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new JsonObject
        {
            ["id"] = spec.Id.ToString("D"),
            ["name"] = spec.Name,
            ["consumer"] = spec.Consumer,
            ["specs"] = VolumeTypeViews.Specs(spec.Specs),
        };
    }

    public static JsonObject Detail(QosSpec spec, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(request);
        return new JsonObject
        {
            ["qos_specs"] = Summary(spec),
            // Cinder Zed's collection name in links is the route's, qos-specs (views/qos_specs.py _collection_name).
            ["links"] = new JsonArray(
                new JsonObject { ["rel"] = "self", ["href"] = $"{request.BaseUrl}/v3/{request.ProjectId}/qos-specs/{spec.Id:D}" },
                new JsonObject { ["rel"] = "bookmark", ["href"] = $"{request.BaseUrl}/{request.ProjectId}/qos-specs/{spec.Id:D}" }),
        };
    }

    public static JsonObject Associations(IEnumerable<VolumeType> types) => new()
    {
        ["qos_associations"] = new JsonArray([.. types.Select(type => (JsonNode)new JsonObject
        {
            ["association_type"] = "volume_type",
            ["name"] = type.Name,
            ["id"] = type.Id.ToString("D"),
        })]),
    };
}
