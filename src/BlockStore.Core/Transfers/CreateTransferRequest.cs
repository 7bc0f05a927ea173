namespace BlockStore.Core.Transfers;

/// <summary>A validated transfer-create body.</summary>
public sealed record CreateTransferRequest(Guid VolumeId, string? Name, bool NoSnapshots);
