using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;
using BlockStore.Core.Volumes;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>Volume name/description updates and user metadata (Cinder's volumes/{id} PUT and volumes/{id}/metadata).</summary>
public sealed class VolumeMetadataApi(CinderPipeline pipeline, VolumeStore volumes, TimeProvider time)
{
    public Task<CinderResult> UpdateAsync(HttpContext http, string projectId, string volumeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var fields = RequestFields.RequiredObject(body.RootElement, "volume");
        var nameKey = fields.TryGetProperty("name", out _) ? "name" : fields.TryGetProperty("display_name", out _) ? "display_name" : null;
        var descriptionKey = fields.TryGetProperty("description", out _) ? "description" : fields.TryGetProperty("display_description", out _) ? "display_description" : null;
        var metadata = fields.TryGetProperty("metadata", out _) ? RequestFields.Metadata(fields) : null;
        if (nameKey is null && descriptionKey is null && metadata is null)
        {
            throw new BadRequestException("Invalid input received: Must specify name, description or metadata to update.");
        }

        var name = nameKey is null ? null : RequestFields.OptionalString(fields, nameKey);
        var description = descriptionKey is null ? null : RequestFields.OptionalString(fields, descriptionKey);
        var updated = await ChangeAsync(request, volumeId, current => current with
        {
            Name = nameKey is null ? current.Name : name,
            Description = descriptionKey is null ? current.Description : description,
            Metadata = metadata ?? current.Metadata,
        });
        // Cinder's update answer is the plain detail view, without the admin attributes show adds.
        return CinderResult.Json(200, new JsonObject { ["volume"] = VolumeViews.Detail(updated, request, withAdminFields: false) });
    });

    public Task<CinderResult> ListAsync(HttpContext http, string projectId, string volumeId) => pipeline.RunAsync(http, projectId, async request =>
        CinderResult.Json(200, new JsonObject { ["metadata"] = Render((await GetAsync(request, volumeId)).Metadata) }));

    /// <summary><c>POST …/metadata</c>: merges the given keys into the metadata.</summary>
    public Task<CinderResult> MergeAsync(HttpContext http, string projectId, string volumeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var given = await ReadMetadataAsync(http, request, "metadata");
        var updated = await ChangeAsync(request, volumeId, current => current with { Metadata = Merge(current.Metadata, given) });
        return CinderResult.Json(200, new JsonObject { ["metadata"] = Render(updated.Metadata) });
    });

    /// <summary><c>PUT …/metadata</c>: replaces all of the metadata.</summary>
    public Task<CinderResult> ReplaceAsync(HttpContext http, string projectId, string volumeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var given = await ReadMetadataAsync(http, request, "metadata");
        var updated = await ChangeAsync(request, volumeId, current => current with { Metadata = given });
        return CinderResult.Json(200, new JsonObject { ["metadata"] = Render(updated.Metadata) });
    });

    public Task<CinderResult> ShowItemAsync(HttpContext http, string projectId, string volumeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        var volume = await GetAsync(request, volumeId);
        return volume.Metadata.TryGetValue(key, out var value)
            ? CinderResult.Json(200, new JsonObject { ["meta"] = new JsonObject { [key] = value } })
            : throw MissingKey(volumeId, key);
    });

    /// <summary><c>PUT …/metadata/{key}</c> with <c>{"meta": {key: value}}</c>: exactly the key of the URL.</summary>
    public Task<CinderResult> UpdateItemAsync(HttpContext http, string projectId, string volumeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        var given = await ReadMetadataAsync(http, request, "meta");
        if (given.Count != 1 || !given.ContainsKey(key))
        {
            throw new BadRequestException("Invalid input received: Request body and URI mismatch");
        }

        await ChangeAsync(request, volumeId, current => current with { Metadata = Merge(current.Metadata, given) });
        return CinderResult.Json(200, new JsonObject { ["meta"] = Render(given) });
    });

    public Task<CinderResult> DeleteItemAsync(HttpContext http, string projectId, string volumeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        if (!(await GetAsync(request, volumeId)).Metadata.ContainsKey(key))
        {
            throw MissingKey(volumeId, key);
        }

        await ChangeAsync(request, volumeId, current => current with
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

    private async Task<Volume> ChangeAsync(RequestContext request, string volumeId, Func<Volume, Volume> change)
    {
        var volume = await GetAsync(request, volumeId);
        var now = time.GetUtcNow();
        var updated = await volumes.ChangeAsync(volume.ProjectId, volume.Id,
            current => new VolumeChange(change(current) with { UpdatedAt = now }), request.CancellationToken);
        return updated!;
    }

    private async Task<Volume> GetAsync(RequestContext request, string volumeId) =>
        Guid.TryParse(volumeId, out var id) && await volumes.FindForAsync(request, id) is { } volume
            ? volume
            : throw NotFoundException.Volume(volumeId);

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

    private static NotFoundException MissingKey(string volumeId, string key) =>
        new($"Volume {volumeId} has no metadata with key {key}.");
}
