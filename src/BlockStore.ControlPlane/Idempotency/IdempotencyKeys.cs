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
/// repeat with another body gets a 409. Keys are per project and kept as long as the project's partition.
/// </summary>
public sealed class IdempotencyKeys(TableSet tables)
{
    public const string Header = "Idempotency-Key";
    private const int MaxBodyBytes = 1 << 20;

    /// <summary>Reads and parses the body once, and fingerprints it when the request carries a key.</summary>
    public static async Task<IdempotentRequest> ReadAsync(HttpContext http, RequestContext request)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
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
            return new IdempotentRequest(body, null, null);
        }

        if (key.Length > 255)
        {
            body.Dispose();
            throw new BadRequestException("Invalid input received: Idempotency-Key must be 1 to 255 characters.");
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}\n"), .. bytes]));
        return new IdempotentRequest(body, key, fingerprint);
    }

    /// <summary>The recorded answer to an earlier request with this key; null when the key is new.</summary>
    /// <exception cref="ConflictException">The key was used for a different request.</exception>
    public async Task<CinderResult?> ReplayAsync(IdempotentRequest request, string projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Key is null)
        {
            return null;
        }

        await tables.EnsureCreatedAsync();
        var response = await tables.Projects.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey(request.Key), cancellationToken: cancellationToken);
        if (!response.HasValue)
        {
            return null;
        }

        var record = response.Value!;
        if (record.GetString("Fingerprint") != request.Fingerprint)
        {
            throw new ConflictException($"Idempotency-Key {request.Key} was already used with a different request.");
        }

        return CinderResult.Json(record.GetInt32("Status") ?? 202, JsonNode.Parse(record.GetString("Body") ?? "{}")!);
    }

    /// <summary>The record to write in the same transaction as the resource; null when the request has no key.</summary>
    public static TableEntity? Record(IdempotentRequest request, string projectId, int status, JsonNode body)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        return request.Key is null ? null : new TableEntity(projectId, RowKey(request.Key))
        {
            ["Fingerprint"] = request.Fingerprint,
            ["Status"] = status,
            ["Body"] = body.ToJsonString(),
            ["CreatedAt"] = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Hashed: keys are client text, and row keys forbid some characters.</summary>
    private static string RowKey(string key) => "idem_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
