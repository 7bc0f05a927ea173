using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;

namespace BlockStore.Core.Transfers;

/// <summary>Validates transfer bodies as Cinder's schemas do (api/schemas/volume_transfer.py), with Cinder's wording.</summary>
public static class TransferRequestParser
{
    /// <param name="allowNoSnapshots">Microversion 3.55 and later on <c>volume-transfers</c>: <c>no_snapshots</c> is a field.</param>
    public static CreateTransferRequest ParseCreate(JsonElement body, bool allowNoSnapshots)
    {
        var transfer = RequestFields.RequiredObject(body, "transfer");
        RequestFields.RejectUnknown(transfer, "transfer", allowNoSnapshots ? ["volume_id", "name", "no_snapshots"] : ["volume_id", "name"]);

        var volumeId = RequestFields.OptionalUuid(transfer, "volume_id")
            ?? throw new BadRequestException($"Invalid input for field/attribute transfer. Value: {transfer.GetRawText()}. 'volume_id' is a required property");
        var name = RequestFields.OptionalString(transfer, "name")?.Trim();
        return new CreateTransferRequest(volumeId, name, allowNoSnapshots && (RequestFields.OptionalBool(transfer, "no_snapshots") ?? false));
    }

    /// <summary>The auth key of <c>{"accept": {"auth_key": …}}</c>; Cinder takes a string or an integer.</summary>
    public static string ParseAccept(JsonElement body)
    {
        var accept = RequestFields.RequiredObject(body, "accept");
        RequestFields.RejectUnknown(accept, "accept", ["auth_key"]);

        if (!accept.TryGetProperty("auth_key", out var key))
        {
            throw new BadRequestException($"Invalid input for field/attribute accept. Value: {accept.GetRawText()}. 'auth_key' is a required property");
        }

        return key.ValueKind switch
        {
            JsonValueKind.String => key.GetString()!,
            JsonValueKind.Number when key.TryGetInt64(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new BadRequestException(
                $"Invalid input for field/attribute auth_key. Value: {key.GetRawText()}. {key.GetRawText()} is not of type 'string', 'integer'"),
        };
    }
}
