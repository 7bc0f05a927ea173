using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Http;

/// <summary>
/// Cinder's six metadata routes (<c>…/{id}/metadata</c> list, merge, replace; <c>…/metadata/{key}</c> show, update,
/// delete), once for every resource that has user metadata; a subclass says how to read and change its resource's.
/// </summary>
public abstract class MetadataApi(CinderPipeline pipeline)
{
    protected CinderPipeline Pipeline { get; } = pipeline;

    /// <summary>The resource's metadata; throws the resource's 404 when it is not there.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string>> ReadAsync(RequestContext request, string resourceId);

    /// <summary>Applies <paramref name="change"/> to the metadata as stored now (a compare-and-swap) and returns the result.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string>> ChangeAsync(
        RequestContext request, string resourceId, Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> change);

    protected abstract NotFoundException MissingKey(string resourceId, string key);

    /// <summary>Whose metadata, as a 413 names it ("the volume's metadata").</summary>
    protected abstract string Owner { get; }

    /// <summary>
    /// Whether the resource's metadata carries Cinder's ETag (volumes, from 3.15): the list answers an <c>ETag</c>, and
    /// a replace or single-key update with an <c>If-Match</c> that no longer matches is a 412 that changes nothing.
    /// </summary>
    protected virtual bool HasEtags => false;

    public Task<CinderResult> ListAsync(HttpContext http, string projectId, string resourceId) => Pipeline.RunAsync(http, projectId, async request =>
    {
        var metadata = await ReadAsync(request, resourceId);
        if (HasEtags && request.IsAtLeast(15))
        {
            http.Response.Headers.ETag = MetadataEtag.Of(metadata);
        }

        return CinderResult.Json(200, new JsonObject { ["metadata"] = Render(metadata) });
    });

    /// <summary><c>POST …/metadata</c>: merges the given keys into the metadata.</summary>
    public Task<CinderResult> MergeAsync(HttpContext http, string projectId, string resourceId) => Pipeline.RunAsync(http, projectId, async request =>
    {
        var given = await ReadMetadataAsync(http, request, "metadata");
        var updated = await ChangeStoredAsync(request, resourceId, current => Merge(current, given));
        return CinderResult.Json(200, new JsonObject { ["metadata"] = Render(updated) });
    });

    /// <summary><c>PUT …/metadata</c>: replaces all of the metadata.</summary>
    public Task<CinderResult> ReplaceAsync(HttpContext http, string projectId, string resourceId) => Pipeline.RunAsync(http, projectId, async request =>
    {
        var given = await ReadMetadataAsync(http, request, "metadata");
        var ifMatch = IfMatch(http, request);
        var updated = await ChangeStoredAsync(request, resourceId, current =>
        {
            MetadataEtag.EnsureMatches(current, ifMatch);
            return given;
        });
        return CinderResult.Json(200, new JsonObject { ["metadata"] = Render(updated) });
    });

    public Task<CinderResult> ShowItemAsync(HttpContext http, string projectId, string resourceId, string key) => Pipeline.RunAsync(http, projectId, async request =>
    {
        return (await ReadAsync(request, resourceId)).TryGetValue(key, out var value)
            ? CinderResult.Json(200, new JsonObject { ["meta"] = new JsonObject { [key] = value } })
            : throw MissingKey(resourceId, key);
    });

    /// <summary><c>PUT …/metadata/{key}</c> with <c>{"meta": {key: value}}</c>: exactly the key of the URL.</summary>
    public Task<CinderResult> UpdateItemAsync(HttpContext http, string projectId, string resourceId, string key) => Pipeline.RunAsync(http, projectId, async request =>
    {
        var given = await ReadMetadataAsync(http, request, "meta");
        if (given.Count != 1 || !given.ContainsKey(key))
        {
            throw new BadRequestException("Invalid input received: Request body and URI mismatch");
        }

        var ifMatch = IfMatch(http, request);
        await ChangeStoredAsync(request, resourceId, current =>
        {
            MetadataEtag.EnsureMatches(current, ifMatch);
            return Merge(current, given);
        });
        return CinderResult.Json(200, new JsonObject { ["meta"] = Render(given) });
    });

    public Task<CinderResult> DeleteItemAsync(HttpContext http, string projectId, string resourceId, string key) => Pipeline.RunAsync(http, projectId, async request =>
    {
        if (!(await ReadAsync(request, resourceId)).ContainsKey(key))
        {
            throw MissingKey(resourceId, key);
        }

        await ChangeAsync(request, resourceId, current => current.Where(pair => pair.Key != key).ToDictionary(StringComparer.Ordinal));
        return CinderResult.Empty(200);
    });

    /// <summary>
    /// <see cref="ChangeAsync"/>, refusing with a 413 a result that the resource's row could not hold: checked on the
    /// metadata as stored now, inside the compare-and-swap, so the refusal writes nothing.
    /// </summary>
    private Task<IReadOnlyDictionary<string, string>> ChangeStoredAsync(
        RequestContext request, string resourceId, Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> change) =>
        ChangeAsync(request, resourceId, current => StoredDictionary.EnsureFits(change(current), Owner));

    /// <summary>The <c>If-Match</c> header when this resource honours it at the request's microversion.</summary>
    private string? IfMatch(HttpContext http, RequestContext request) =>
        HasEtags && request.IsAtLeast(15) && http.Request.Headers.IfMatch.ToString() is { Length: > 0 } value ? value : null;

    private static async Task<Dictionary<string, string>> ReadMetadataAsync(HttpContext http, RequestContext request, string property)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"Malformed request body: '{property}' must be an object of strings.");
        }

        return RequestFields.Metadata(body.RootElement, property);
    }

    /// <summary>The keys of <paramref name="changes"/> set over <paramref name="current"/>.</summary>
    public static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> changes)
    {
        var merged = current.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }

        return merged;
    }

    public static JsonObject Render(IReadOnlyDictionary<string, string> metadata) =>
        new(metadata.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
}
