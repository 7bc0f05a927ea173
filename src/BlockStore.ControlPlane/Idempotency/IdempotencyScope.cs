using Azure.Data.Tables;

namespace BlockStore.ControlPlane.Idempotency;

/// <summary>
/// Where a create's idempotency record lives: the table and partition its resource is inserted into, so that the
/// record and the resource are written by one entity group transaction.
/// </summary>
public sealed record IdempotencyScope(TableClient Table, string Partition);
