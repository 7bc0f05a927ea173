using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Http;
using BlockStore.Core.Errors;

namespace BlockStore.ControlPlane.Idempotency;

/// <summary>
/// A create request's parsed body and, when it carried an <c>Idempotency-Key</c>, the key, the request's fingerprint
/// and where its record goes (<see cref="Scope"/>).
/// </summary>
public sealed class IdempotentRequest(JsonDocument body, string projectId, string? key, string? fingerprint, IdempotencyScope scope) : IDisposable
{
    public JsonDocument Body { get; } = body;

    /// <summary>The calling project: part of the record's row key, so two projects' keys never meet.</summary>
    public string ProjectId { get; } = projectId;

    public string? Key { get; } = key;

    /// <summary>SHA-256 of method, path and body: the same key with another fingerprint is a different request.</summary>
    public string? Fingerprint { get; } = fingerprint;

    /// <summary>Where the record is looked up and written; moved by <see cref="IdempotencyKeys.MoveAsync"/> when the resource lives elsewhere.</summary>
    public IdempotencyScope Scope { get; internal set; } = scope;

    /// <summary>
    /// The record to insert in the same transaction as the resource (in <see cref="Scope"/>), its answer sealed by
    /// <see cref="RecordSeal"/>; null when the request has no key.
    /// </summary>
    public TableEntity? Record(int status, JsonNode answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (Key is null)
        {
            return null;
        }

        var rowKey = IdempotencyKeys.RowKey(ProjectId, Key);
        return new TableEntity(Scope.Partition, rowKey)
        {
            ["Fingerprint"] = Fingerprint,
            ["Status"] = status,
            [IdempotencyKeys.SealedAnswer] = RecordSeal.Seal(ProjectId, Key, rowKey, answer.ToJsonString()),
            ["CreatedAt"] = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>
    /// For a create that failed after its first durable write (a member copy of a group could not start): the record
    /// replaced by the failure in the transaction that marks the resource failed, so a replay answers what the first
    /// request was answered. Null when the request has no key.
    /// </summary>
    public TableEntity? RecordFailure(BlockStoreException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var record = Record(failure.StatusCode, CinderResult.Fault(failure.StatusCode, failure.FaultName, failure.Message).Body!);
        if (record is not null)
        {
            record.ETag = ETag.All;
        }

        return record;
    }

    public void Dispose() => Body.Dispose();
}
