using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Transfers;

namespace BlockStore.ControlPlane.Transfers;

/// <summary>Cinder's transfer views (api/views/transfers.py): fields by microversion, links under <c>os-volume-transfer</c>.</summary>
public static class TransferViews
{
    public static JsonObject Summary(VolumeTransfer transfer, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(request);
        return new JsonObject
        {
            ["id"] = transfer.Id.ToString("D"),
            ["volume_id"] = transfer.VolumeId.ToString("D"),
            ["name"] = transfer.Name,
            ["links"] = Links(transfer, request),
        };
    }

    public static JsonObject Detail(VolumeTransfer transfer, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        ArgumentNullException.ThrowIfNull(request);
        var view = new JsonObject
        {
            ["id"] = transfer.Id.ToString("D"),
            ["created_at"] = VolumeViews.Timestamp(transfer.CreatedAt),
            ["name"] = transfer.Name,
            ["volume_id"] = transfer.VolumeId.ToString("D"),
            ["links"] = Links(transfer, request),
        };
        if (request.ApiVersion >= new Version(3, 55))
        {
            view["no_snapshots"] = transfer.NoSnapshots;
        }

        if (request.ApiVersion >= new Version(3, 57))
        {
            view["destination_project_id"] = transfer.IsAccepted ? transfer.DestinationProjectId : null;
            view["source_project_id"] = transfer.SourceProjectId;
            view["accepted"] = transfer.IsAccepted;
        }

        return view;
    }

    /// <summary>The detail view with the auth key: shown once, in the create answer, and never stored.</summary>
    public static JsonObject Created(VolumeTransfer transfer, string authKey, RequestContext request)
    {
        var view = Detail(transfer, request);
        view["auth_key"] = authKey;
        return view;
    }

    private static JsonArray Links(VolumeTransfer transfer, RequestContext request) =>
    [
        new JsonObject { ["rel"] = "self", ["href"] = $"{request.BaseUrl}/v3/{request.ProjectId}/os-volume-transfer/{transfer.Id:D}" },
        new JsonObject { ["rel"] = "bookmark", ["href"] = $"{request.BaseUrl}/{request.ProjectId}/os-volume-transfer/{transfer.Id:D}" },
    ];
}
