using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.Core.Errors;
using BlockStore.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Types;

/// <summary>
/// Cinder's <c>default-types</c> (3.62, admin only): set, show, list and unset a project's default volume type. Cinder
/// serves these with and without a project id in the URL (python-cinderclient uses the project-less form), so both
/// hosts map both; a project-less request is scoped to <see cref="ProjectlessScope"/>, since every handler here
/// acts on the project it names, not on the caller's.
/// </summary>
public sealed class DefaultTypesApi(CinderPipeline pipeline, ProjectDefaultTypeStore defaults, VolumeTypeStore types)
{
    /// <summary>The scope of a request whose URL names no project (admin only, so no project's rights are implied).</summary>
    public const string ProjectlessScope = "0";

    public Task<CinderResult> SetAsync(HttpContext http, string? projectId, string targetProjectId) => pipeline.RunAsync(http, projectId ?? ProjectlessScope, async request =>
    {
        request.RequireVersion(62);
        request.RequireAdmin("volume_extension:default_set_or_update");
        var target = CinderPipeline.EnsureProjectId(targetProjectId);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var fields = RequestFields.RequiredObject(body.RootElement, "default_type");
        var named = RequestFields.OptionalString(fields, "volume_type")
            ?? throw new BadRequestException("Invalid input received: 'volume_type' is a required property");
        var type = await types.FindAsync(named, request.CancellationToken) ?? throw UnknownType(named);

        // The row is written first and the type's row bumped after it, so that a delete of the type, conditional on
        // the type row it checked, either sees this default or has already removed the type; in that case the bump
        // fails and the project's previous default is put back. Meanwhile, the project's creates get the global one.
        var previous = await defaults.FindAsync(target, request.CancellationToken);
        await defaults.SetAsync(target, type.Id, request.CancellationToken);
        try
        {
            await types.ChangeAsync(type.Id, current => current, request.CancellationToken);
        }
        catch (NotFoundException)
        {
            await (previous is { } restored
                ? defaults.SetAsync(target, restored, request.CancellationToken)
                : defaults.DeleteAsync(target, request.CancellationToken));
            throw UnknownType(named);
        }

        return CinderResult.Json(200, new JsonObject { ["default_type"] = View(target, type.Id) });
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string? projectId, string targetProjectId) => pipeline.RunAsync(http, projectId ?? ProjectlessScope, async request =>
    {
        request.RequireVersion(62);
        request.RequireAdmin("volume_extension:default_get");
        var target = CinderPipeline.EnsureProjectId(targetProjectId);
        var typeId = await defaults.FindAsync(target, request.CancellationToken)
            ?? throw new NotFoundException($"Default type for project {target} could not be found.");
        return CinderResult.Json(200, new JsonObject { ["default_type"] = View(target, typeId) });
    });

    public Task<CinderResult> ListAsync(HttpContext http, string? projectId) => pipeline.RunAsync(http, projectId ?? ProjectlessScope, async request =>
    {
        request.RequireVersion(62);
        request.RequireAdmin("volume_extension:default_get_all");
        var all = await defaults.ListAsync(request.CancellationToken);
        return CinderResult.Json(200, new JsonObject
        {
            ["default_types"] = new JsonArray([.. all.Select(entry => (JsonNode)View(entry.ProjectId, entry.TypeId))]),
        });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string? projectId, string targetProjectId) => pipeline.RunAsync(http, projectId ?? ProjectlessScope, async request =>
    {
        request.RequireVersion(62);
        request.RequireAdmin("volume_extension:default_unset");
        await defaults.DeleteAsync(CinderPipeline.EnsureProjectId(targetProjectId), request.CancellationToken);
        return CinderResult.Empty(204);
    });

    /// <summary>Cinder answers 400 (not 404) with <c>get_by_name_or_id</c>'s message: by id when the name is a UUID.</summary>
    private static BadRequestException UnknownType(string named) => new(Guid.TryParse(named, out _)
        ? $"Volume type {named} could not be found."
        : $"Volume type with name {named} could not be found.");

    private static JsonObject View(string projectId, Guid typeId) => new()
    {
        ["project_id"] = projectId,
        ["volume_type_id"] = typeId.ToString("D"),
    };
}
