using System.Text.Json;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Transfers;

namespace BlockStore.ControlPlane.Transfers;

/// <summary>
/// Transfer rows (<c>transfer_{id}</c>) live in the source project's partition, beside the volume they offer, so that
/// creating or deleting a transfer and the volume's status change are one transaction.
/// </summary>
internal sealed class TransferEntities : IRowMapper<VolumeTransfer>
{
    public const string Prefix = "transfer_";

    public static TransferEntities Instance { get; } = new();

    public string RowPrefix => Prefix;

    public static string RowKey(Guid transferId) => Prefix + transferId.ToString("D");

    public string ProjectOf(VolumeTransfer row) => row.SourceProjectId;

    public string RowKeyOf(VolumeTransfer row) => RowKey(row.Id);

    public TableEntity ToEntity(VolumeTransfer transfer) => new(transfer.SourceProjectId, RowKey(transfer.Id))
    {
        ["VolumeId"] = transfer.VolumeId,
        ["Name"] = transfer.Name,
        ["Salt"] = transfer.Salt,
        ["CryptHash"] = transfer.CryptHash,
        ["NoSnapshots"] = transfer.NoSnapshots,
        ["CreatedAt"] = transfer.CreatedAt,
        ["State"] = transfer.State.ToString(),
        ["DestinationProjectId"] = transfer.DestinationProjectId,
        ["DestinationUserId"] = transfer.DestinationUserId,
        ["ClaimId"] = transfer.ClaimId,
        ["Charge"] = transfer.Charge is null ? null : JsonSerializer.Serialize(transfer.Charge),
        ["Payload"] = transfer.Payload,
    };

    public VolumeTransfer FromEntity(TableEntity entity) => new()
    {
        Id = Guid.Parse(entity.RowKey.AsSpan(Prefix.Length)),
        SourceProjectId = entity.PartitionKey,
        VolumeId = entity.GetGuid("VolumeId") ?? Guid.Empty,
        Name = entity.GetString("Name"),
        Salt = entity.GetString("Salt") ?? "",
        CryptHash = entity.GetString("CryptHash") ?? "",
        NoSnapshots = entity.GetBoolean("NoSnapshots") ?? false,
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        State = Enum.Parse<TransferState>(entity.GetString("State") ?? nameof(TransferState.Offered)),
        DestinationProjectId = entity.GetString("DestinationProjectId"),
        DestinationUserId = entity.GetString("DestinationUserId"),
        ClaimId = entity.GetGuid("ClaimId"),
        Charge = entity.GetString("Charge") is { } charge ? JsonSerializer.Deserialize<TransferCharge>(charge) : null,
        Payload = entity.GetString("Payload"),
    };
}
