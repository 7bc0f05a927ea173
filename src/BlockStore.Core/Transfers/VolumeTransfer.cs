namespace BlockStore.Core.Transfers;

/// <summary>
/// A volume offered to another project. Only a salted hash of the auth key is kept (the key itself is shown once, in
/// the create answer), as Cinder does.
/// </summary>
public sealed record VolumeTransfer
{
    public required Guid Id { get; init; }
    public required Guid VolumeId { get; init; }
    public required string SourceProjectId { get; init; }
    public string? Name { get; init; }
    public required string Salt { get; init; }
    public required string CryptHash { get; init; }

    /// <summary>Microversion 3.55: the volume moves without its snapshots.</summary>
    public bool NoSnapshots { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public TransferState State { get; init; } = TransferState.Offered;

    /// <summary>The project that claimed (and, once accepted, received) the volume.</summary>
    public string? DestinationProjectId { get; init; }

    public string? DestinationUserId { get; init; }

    /// <summary>Identifies one claim: a destination charge made for an older claim is undone, never kept.</summary>
    public Guid? ClaimId { get; init; }

    /// <summary>What the claim charges the destination (fixed at the claim: the volume cannot grow while it waits).</summary>
    public TransferCharge? Charge { get; init; }

    /// <summary>In <see cref="TransferState.Moved"/>: the volume and snapshot rows to write in the destination, as JSON.</summary>
    public string? Payload { get; init; }

    public bool IsAccepted => State == TransferState.Accepted;
}
