using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.Core.Types;

namespace BlockStore.ControlPlane.Types;

/// <summary>Cinder's volume type views (api/v2/views/types.py), extra specs shown to admins as Cinder's default policy does.</summary>
public static class VolumeTypeViews
{
    /// <param name="withQos">Show and list carry <c>qos_specs_id</c>; create and update answers do not (real Cinder, and Tempest's schema).</param>
    public static JsonObject Show(VolumeType type, RequestContext request, bool withQos = true)
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
        if (request.IsAdmin)
        {
            view["extra_specs"] = Specs(type.ExtraSpecs);
            if (withQos)
            {
                view["qos_specs_id"] = type.QosSpecsId?.ToString("D");
            }
        }

        view["os-volume-type-access:is_public"] = type.IsPublic;
        return view;
    }

    /// <summary>Cinder's <c>USER_VISIBLE_EXTRA_SPECS</c>: the specs a caller without <c>read_sensitive</c> (not an admin) may see.</summary>
    public static readonly IReadOnlySet<string> UserVisibleSpecs = new HashSet<string>(StringComparer.Ordinal)
    {
        "RESKEY:availability_zones",
        "multiattach",
        "replication_enabled",
    };

    public static JsonObject Specs(IReadOnlyDictionary<string, string> specs) =>
        new(specs.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
}
