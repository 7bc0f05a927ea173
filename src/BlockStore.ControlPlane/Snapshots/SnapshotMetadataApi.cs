using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Storage;
using BlockStore.Core.Errors;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Snapshots;

/// <summary>Snapshot user metadata (Cinder's snapshots/{id}/metadata), the same six routes as for volumes.</summary>
public sealed class SnapshotMetadataApi(CinderPipeline pipeline, SnapshotStore snapshots, TimeProvider time)
{
    public Task<CinderResult> ListAsync(HttpContext http, string projectId, string snapshotId) => pipeline.RunAsync(http, projectId, async request =>
        CinderResult.Json(200, new JsonObject { ["metadata"] = Render((await GetAsync(request, snapshotId)).Metadata) }));

    /// <summary><c>POST …/metadata</c>: merges the given keys into the metadata.</summary>
    public Task<CinderResult> MergeAsync(HttpContext http, string projectId, string snapshotId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var given = await ReadMetadataAsync(http, request, "metadata");
        var updated = await ChangeAsync(request, snapshotId, current => current with { Metadata = Merge(current.Metadata, given) });
        return CinderResult.Json(200, new JsonObject { ["metadata"] = Render(updated.Metadata) });
    });

    /// <summary><c>PUT …/metadata</c>: replaces all of the metadata.</summary>
    public Task<CinderResult> ReplaceAsync(HttpContext http, string projectId, string snapshotId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var given = await ReadMetadataAsync(http, request, "metadata");
        var updated = await ChangeAsync(request, snapshotId, current => current with { Metadata = given });
        return CinderResult.Json(200, new JsonObject { ["metadata"] = Render(updated.Metadata) });
    });

    public Task<CinderResult> ShowItemAsync(HttpContext http, string projectId, string snapshotId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        var volume = await GetAsync(request, snapshotId);
        return volume.Metadata.TryGetValue(key, out var value)
            ? CinderResult.Json(200, new JsonObject { ["meta"] = new JsonObject { [key] = value } })
            : throw MissingKey(snapshotId, key);
    });

    /// <summary><c>PUT …/metadata/{key}</c> with <c>{"meta": {key: value}}</c>: exactly the key of the URL.</summary>
    public Task<CinderResult> UpdateItemAsync(HttpContext http, string projectId, string snapshotId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        var given = await ReadMetadataAsync(http, request, "meta");
        if (given.Count != 1 || !given.ContainsKey(key))
        {
            throw new BadRequestException("Invalid input received: Request body and URI mismatch");
        }

        await ChangeAsync(request, snapshotId, current => current with { Metadata = Merge(current.Metadata, given) });
        return CinderResult.Json(200, new JsonObject { ["meta"] = Render(given) });
    });

    public Task<CinderResult> DeleteItemAsync(HttpContext http, string projectId, string snapshotId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        if (!(await GetAsync(request, snapshotId)).Metadata.ContainsKey(key))
        {
            throw MissingKey(snapshotId, key);
        }

        await ChangeAsync(request, snapshotId, current => current with
        {
            Metadata = current.Metadata.Where(pair => pair.Key != key).ToDictionary(StringComparer.Ordinal),
        });
        return CinderResult.Empty(200);
    });

    private static async Task<Dictionary<string, string>> ReadMetadataAsync(HttpContext http, RequestContext request, string property)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"Malformed request body: '{property}' must be an object of strings.");
        }

        return RequestFields.Metadata(body.RootElement, property);
    }

    private async Task<Snapshot> ChangeAsync(RequestContext request, string snapshotId, Func<Snapshot, Snapshot> change)
    {
        var snapshot = await GetAsync(request, snapshotId);
        var now = time.GetUtcNow();
        var updated = await snapshots.ChangeAsync(snapshot.ProjectId, snapshot.Id,
            current => new RowChange<Snapshot>(change(current) with { UpdatedAt = now }), request.CancellationToken);
        return updated!;
    }

    private async Task<Snapshot> GetAsync(RequestContext request, string snapshotId) =>
        Guid.TryParse(snapshotId, out var id) && await snapshots.FindForAsync(request, id) is { } snapshot
            ? snapshot
            : throw NotFoundException.Snapshot(snapshotId);

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> changes)
    {
        var merged = current.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static JsonObject Render(IReadOnlyDictionary<string, string> metadata) =>
        new(metadata.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));

    private static NotFoundException MissingKey(string snapshotId, string key) =>
        new($"Snapshot {snapshotId} has no metadata with key {key}.");
}
