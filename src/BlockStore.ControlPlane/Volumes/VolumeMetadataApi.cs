using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;
using BlockStore.Core.Volumes;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>Volume name/description updates (<c>PUT volumes/{id}</c>) and volume metadata (the shared <see cref="MetadataApi"/> routes).</summary>
public sealed class VolumeMetadataApi(CinderPipeline pipeline, VolumeStore volumes, TimeProvider time) : MetadataApi(pipeline)
{
    public Task<CinderResult> UpdateAsync(HttpContext http, string projectId, string volumeId) => Pipeline.RunAsync(http, projectId, async request =>
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        // Cinder's update schema refuses unknown fields at every version; from 3.53 it also needs one field to change.
        StrictVolumeSchema.EnsureKnownUpdateFields(body.RootElement);
        var fields = RequestFields.RequiredObject(body.RootElement, "volume");
        var nameKey = fields.TryGetProperty("name", out _) ? "name" : fields.TryGetProperty("display_name", out _) ? "display_name" : null;
        var descriptionKey = fields.TryGetProperty("description", out _) ? "description" : fields.TryGetProperty("display_description", out _) ? "display_description" : null;
        var metadata = fields.TryGetProperty("metadata", out _) ? StoredDictionary.EnsureFits(RequestFields.Metadata(fields), MetadataOwner) : null;
        if (nameKey is null && descriptionKey is null && metadata is null && request.IsAtLeast(53))
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
        return CinderResult.Json(200, new JsonObject { ["volume"] = VolumeViews.Detail(updated, request, stored: false) });
    });

    protected override bool HasEtags => true;

    protected override string Owner => MetadataOwner;

    internal const string MetadataOwner = "the volume's metadata";

    protected override async Task<IReadOnlyDictionary<string, string>> ReadAsync(RequestContext request, string resourceId) =>
        (await GetAsync(request, resourceId)).Metadata;

    protected override async Task<IReadOnlyDictionary<string, string>> ChangeAsync(
        RequestContext request, string resourceId, Func<IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>> change) =>
        (await ChangeAsync(request, resourceId, volume => volume with { Metadata = change(volume.Metadata) })).Metadata;

    protected override NotFoundException MissingKey(string resourceId, string key) =>
        new($"Volume {resourceId} has no metadata with key {key}.");

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
}
