using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on creates (beyond Cinder, which has none): the first request with a key creates and records
/// its answer in the same transaction as the resource; a repeat with the same key and body gets that answer again, a
/// repeat with another body gets a 409. A record lives beside its resource (the project's partition, or the global
/// partition of types, QoS specs and group types) and is keyed by a hash of the calling project and the key; its answer
/// is sealed under them (<see cref="RecordSeal"/>), so only a client holding the key can read it. It is kept as long as
/// that partition.
/// </summary>
public sealed class IdempotencyKeys(TableSet tables)
{
    public const string Header = "Idempotency-Key";

    /// <summary>The record's property that holds its answer, sealed (<see cref="RecordSeal"/>).</summary>
    internal const string SealedAnswer = "SealedBody";
    private const int MaxBodyBytes = 1 << 20;

    /// <summary>Records of project resources: the project's partition of the projects table.</summary>
    public IdempotencyScope InProject(string projectId) => new(tables.Projects, projectId);

    /// <summary>Records of global resources: their partition of the types table.</summary>
    public IdempotencyScope InTypes(string partition) => new(tables.Types, partition);

    /// <summary>
    /// Runs one create under the request's key. <paramref name="create"/> parses <see cref="IdempotentRequest.Body"/>,
    /// validates, and inserts its resource together with <see cref="IdempotentRequest.Record"/> (whose insert throws
    /// <see cref="DuplicateKeyException"/> when another request with the key won). Authorization belongs before this
    /// call: a replay must not answer a caller the create itself would refuse.
    /// </summary>
    public async Task<CinderResult> CreateAsync(HttpContext http, RequestContext request, IdempotencyScope scope, Func<IdempotentRequest, Task<CinderResult>> create)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(create);
        using var body = await ReadAsync(http, request, scope);
        if (await ReplayAsync(body, request.CancellationToken) is { } replay)
        {
            return replay;
        }

        try
        {
            return await create(body);
        }
        catch (DuplicateKeyException)
        {
            return await ReplayAsync(body, request.CancellationToken)
                ?? throw new ConflictException("A concurrent request with the same Idempotency-Key is being processed; try again.");
        }
    }

    /// <summary>
    /// For a create whose resource turns out to live in another partition of the same table (an admin's transfer of
    /// another project's volume): the record goes there, so it is looked up there too. Returns the replay, if any.
    /// </summary>
    public async Task<CinderResult?> MoveAsync(IdempotentRequest request, string partition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Scope.Partition == partition)
        {
            return null;
        }

        if (request.Key is not null)
        {
            // A pointer where the retry looks first: the resource may move on (an accepted transfer's volume), so the
            // retry could not find that partition again. Written before the insert, it is only a hint: a pointer whose
            // record never came is passed over, and the authoritative record is still the one inserted with the resource.
            await request.Scope.Table.UpsertEntityAsync(
                new TableEntity(request.Scope.Partition, PointerRowKey(request.ProjectId, request.Key)) { ["Partition"] = partition },
                TableUpdateMode.Replace, cancellationToken);
        }

        request.Scope = request.Scope with { Partition = partition };
        return await ReplayAsync(request, cancellationToken);
    }

    /// <summary>
    /// Inserts a global resource's rows and, when the request has a key, its record, in one transaction. A 409 is the
    /// record's when the record exists now (another request with the key won), else the resource's own
    /// (<paramref name="conflict"/>: its name is taken).
    /// </summary>
    public static async Task InsertAsync(TableClient table, IEnumerable<TableTransactionAction> rows, TableEntity? record, Func<Exception> conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(conflict);
        List<TableTransactionAction> actions = [.. rows];
        if (record is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, record));
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Asked rather than read from the failed action's index, which the emulator does not always report.
            if (record is not null && (await table.GetEntityIfExistsAsync<TableEntity>(record.PartitionKey, record.RowKey, cancellationToken: cancellationToken)).HasValue)
            {
                throw new DuplicateKeyException($"{record.RowKey} exists: another request with the same key won.");
            }

            throw conflict();
        }
    }

    /// <summary>Hashed: keys are client text, and row keys forbid some characters.</summary>
    internal static string RowKey(string projectId, string key) =>
        "idem_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{projectId}\n{key}")));

    private static string PointerRowKey(string projectId, string key) => "idemat_" + RowKey(projectId, key)["idem_".Length..];

    /// <summary>Reads and parses the body once, and fingerprints it when the request carries a key.</summary>
    private static async Task<IdempotentRequest> ReadAsync(HttpContext http, RequestContext request, IdempotencyScope scope)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, request.CancellationToken);
        if (buffer.Length > MaxBodyBytes)
        {
            throw new BadRequestException("Malformed request body: larger than 1 MiB.");
        }

        var bytes = buffer.ToArray();
        var body = JsonDocument.Parse(bytes);
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
        {
            return new IdempotentRequest(body, request.ProjectId, null, null, scope);
        }

        if (key.Length > 255)
        {
            body.Dispose();
            throw new BadRequestException("Invalid input received: Idempotency-Key must be 1 to 255 characters.");
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n"), .. bytes]));
        return new IdempotentRequest(body, request.ProjectId, key, fingerprint, scope);
    }

    /// <summary>The recorded answer to an earlier request with this key; null when the key is new.</summary>
    /// <exception cref="ConflictException">The key was used for a different request.</exception>
    private async Task<CinderResult?> ReplayAsync(IdempotentRequest request, CancellationToken cancellationToken)
    {
        if (request.Key is null)
        {
            return null;
        }

        await tables.EnsureCreatedAsync();
        var record = await FindAsync(request.Scope, RowKey(request.ProjectId, request.Key), cancellationToken);
        if (record is null && await FindAsync(request.Scope, PointerRowKey(request.ProjectId, request.Key), cancellationToken) is { } pointer
            && pointer.GetString("Partition") is { } moved)
        {
            record = await FindAsync(request.Scope with { Partition = moved }, RowKey(request.ProjectId, request.Key), cancellationToken);
        }

        if (record is null)
        {
            return null;
        }

        if (record.GetString("Fingerprint") != request.Fingerprint)
        {
            throw new ConflictException($"Idempotency-Key {request.Key} was already used with a different request.");
        }

        // Records written before answers were sealed hold the answer as plain "Body".
        var answer = record.GetBinary(SealedAnswer) is { } sealedAnswer
            ? RecordSeal.Open(request.ProjectId, request.Key, record.RowKey, sealedAnswer)
            : record.GetString("Body") ?? "{}";
        return CinderResult.Json(record.GetInt32("Status") ?? 202, JsonNode.Parse(answer)!);
    }

    private static async Task<TableEntity?> FindAsync(IdempotencyScope scope, string rowKey, CancellationToken cancellationToken)
    {
        var response = await scope.Table.GetEntityIfExistsAsync<TableEntity>(scope.Partition, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}
