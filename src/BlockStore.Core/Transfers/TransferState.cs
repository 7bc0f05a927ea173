namespace BlockStore.Core.Transfers;

/// <summary>
/// Where a transfer is in its life. An accept crosses two project partitions, so it is a sequence of single-partition
/// steps; the state says which step comes next, and every step is idempotent (see docs/architecture.md).
/// </summary>
public enum TransferState
{
    /// <summary>Created; the volume is <c>awaiting-transfer</c> in its source project.</summary>
    Offered,

    /// <summary>An accept with the right key claimed it for a destination; the destination is charged next.</summary>
    Claimed,

    /// <summary>The rows left the source project (quota released) and wait in the transfer row to enter the destination.</summary>
    Moved,

    /// <summary>Done: the volume is in the destination project. Kept as history, hidden from lists as Cinder's soft delete.</summary>
    Accepted,
}
