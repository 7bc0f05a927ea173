using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Types;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Types;

/// <summary>Cinder v3 volume types, their extra specs and their project access. Changes are admin-only, as Cinder's default policy.</summary>
public sealed class VolumeTypesApi(
    CinderPipeline pipeline, VolumeTypeStore types, ProjectDefaultTypeStore defaultTypes, VolumeStore volumes, Idempotency.IdempotencyKeys idempotency, TimeProvider time)
{
    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        // As Cinder's types index: only an admin's is_public is read, and without one (what openstacksdk's types()
        // sends) an admin too gets the public types; "None" lists all. Public listings include the private types
        // shared with the caller's project.
        var isPublic = request.IsAdmin
            ? VolumeTypeRequestParser.ParseIsPublicFilter(http.Request.Query.TryGetValue("is_public", out var filter) ? filter.ToString() : null)
            : true;
        ListQuery.RejectInvalidFilters(http, request, "volume_type");

        // 3.52: extra_specs={'k': 'v'} keeps the types that have every given spec. As Cinder, a caller who may not
        // read every spec (not an admin) finds nothing by a spec it cannot see, so that no one probes hidden specs.
        var specs = request.IsAtLeast(52) && http.Request.Query["extra_specs"].ToString() is { Length: > 0 } rawSpecs
            ? ParseSpecsFilter(rawSpecs)
            : [];
        if (!request.IsAdmin && specs.Keys.Any(key => !VolumeTypeViews.UserVisibleSpecs.Contains(key)))
        {
            return CinderResult.Json(200, new JsonObject { ["volume_types"] = new JsonArray() });
        }

        var visible = (await types.ListAsync(request.CancellationToken))
            .Where(type => type.IsVisibleTo(request.ProjectId, request.IsAdmin))
            .Where(type => isPublic is null || type.IsPublic == isPublic || (isPublic == true && type.ProjectAccess.Contains(request.ProjectId)))
            .Where(type => specs.All(pair => type.ExtraSpecs.TryGetValue(pair.Key, out var value) && value == pair.Value))
            .OrderBy(type => type.Name, StringComparer.Ordinal);
        return CinderResult.Json(200, new JsonObject { ["volume_types"] = new JsonArray([.. visible.Select(type => (JsonNode)VolumeTypeViews.Show(type, request))]) });
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
        CinderResult.Json(200, new JsonObject { ["volume_type"] = VolumeTypeViews.Show(await GetAsync(request, typeId), request) }));

    public Task<CinderResult> CreateAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:types_manage:create");
        return await idempotency.CreateAsync(http, request, idempotency.InTypes(VolumeTypeStore.Partition), async body =>
        {
            var (name, description, isPublic, specs) = VolumeTypeRequestParser.ParseCreate(body.Body.RootElement);
            var type = new VolumeType
            {
                Id = Guid.NewGuid(),
                Name = name,
                Description = description,
                IsPublic = isPublic,
                ExtraSpecs = specs,
                CreatedAt = time.GetUtcNow(),
            };
            var view = new JsonObject { ["volume_type"] = VolumeTypeViews.Show(type, request, withQos: false) };
            await types.CreateAsync(type, request.CancellationToken, body.Record(200, view));
            return CinderResult.Json(200, view);
        });
    });

    public Task<CinderResult> UpdateAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:types_manage:update");
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var (name, description, descriptionGiven, isPublic) = VolumeTypeRequestParser.ParseUpdate(body.RootElement);
        var type = await GetAsync(request, typeId);
        if (type.IsDefault && (name is not null && name != type.Name || isPublic == false))
        {
            throw new BadRequestException("Invalid volume type: The default volume type can not be renamed or made private.");
        }

        var updated = await types.ChangeAsync(type.Id, current => current with
        {
            Name = name ?? current.Name,
            Description = descriptionGiven ? description : current.Description,
            IsPublic = isPublic ?? current.IsPublic,
        }, request.CancellationToken);
        var view = VolumeTypeViews.Show(updated, request, withQos: false);
        // Cinder's VolumeTypeAccess extension adds its flag to show, index, detail and create, not to update (and
        // Tempest's update schema forbids it).
        view.Remove("os-volume-type-access:is_public");
        return CinderResult.Json(200, new JsonObject { ["volume_type"] = view });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:types_manage:delete");
        var type = await GetAsync(request, typeId);

        // Cinder's volume_types.destroy: neither a project's default (3.62) nor the global one, nor a type in use. A
        // default set concurrently bumps the type's row after writing its own, so the delete, conditional on the row
        // it checked, either sees that default or makes the set fail (DefaultTypesApi.SetAsync). A volume created
        // concurrently does not bump the row: that race remains, as in Cinder.
        await types.DeleteAsync(type.Id, async current =>
        {
            if (current.IsDefault || await defaultTypes.IsAnyProjectsDefaultAsync(current.Id, request.CancellationToken))
            {
                throw new BadRequestException($"The volume type {current.Id:D} is a default volume type and cannot be deleted.");
            }

            if (await volumes.AnyOfTypeAsync(current.Id, request.CancellationToken))
            {
                throw new BadRequestException("Target volume type is still in use.");
            }
        }, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    public Task<CinderResult> ListExtraSpecsAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:types_extra_specs:index");
        var type = await GetAsync(request, typeId);
        return CinderResult.Json(200, new JsonObject { ["extra_specs"] = VolumeTypeViews.Specs(type.ExtraSpecs) });
    });

    public Task<CinderResult> SetExtraSpecsAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:types_extra_specs:create");
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var specs = VolumeTypeRequestParser.ParseExtraSpecs(body.RootElement);
        var type = await GetAsync(request, typeId);
        await EnsureNotInUseAsync(type, request.CancellationToken);
        await types.ChangeAsync(type.Id, current => current with { ExtraSpecs = MetadataApi.Merge(current.ExtraSpecs, specs) }, request.CancellationToken);
        return CinderResult.Json(200, new JsonObject { ["extra_specs"] = VolumeTypeViews.Specs(specs) });
    });

    public Task<CinderResult> ShowExtraSpecAsync(HttpContext http, string projectId, string typeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:types_extra_specs:show");
        var type = await GetAsync(request, typeId);
        return type.ExtraSpecs.TryGetValue(key, out var value)
            ? CinderResult.Json(200, new JsonObject { [key] = value })
            : throw MissingSpec(type, key);
    });

    public Task<CinderResult> UpdateExtraSpecAsync(HttpContext http, string projectId, string typeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:types_extra_specs:update");
        VolumeTypeRequestParser.EnsureValidKey(key);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var value = VolumeTypeRequestParser.ParseExtraSpecItem(body.RootElement, key);
        var type = await GetAsync(request, typeId);
        await EnsureNotInUseAsync(type, request.CancellationToken);
        await types.ChangeAsync(type.Id, current => current with { ExtraSpecs = MetadataApi.Merge(current.ExtraSpecs, new Dictionary<string, string> { [key] = value }) }, request.CancellationToken);
        return CinderResult.Json(200, new JsonObject { [key] = value });
    });

    public Task<CinderResult> DeleteExtraSpecAsync(HttpContext http, string projectId, string typeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:types_extra_specs:delete");
        var type = await GetAsync(request, typeId);
        await EnsureNotInUseAsync(type, request.CancellationToken);
        if (!type.ExtraSpecs.ContainsKey(key))
        {
            throw MissingSpec(type, key);
        }

        await types.ChangeAsync(type.Id, current => current with
        {
            ExtraSpecs = current.ExtraSpecs.Where(pair => pair.Key != key).ToDictionary(StringComparer.Ordinal),
        }, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    public Task<CinderResult> ListAccessAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:volume_type_access:addProjectAccess");
        var type = await GetAsync(request, typeId);
        if (type.IsPublic)
        {
            throw new NotFoundException("Access list not available for public volume types.");
        }

        var access = type.ProjectAccess.Order(StringComparer.Ordinal)
            .Select(project => (JsonNode)new JsonObject { ["volume_type_id"] = type.Id.ToString("D"), ["project_id"] = project });
        return CinderResult.Json(200, new JsonObject { ["volume_type_access"] = new JsonArray([.. access]) });
    });

    /// <summary><c>POST …/types/{id}/action</c> with <c>addProjectAccess</c> or <c>removeProjectAccess</c>.</summary>
    public Task<CinderResult> ActionAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var root = body.RootElement;
        var (action, add) = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("addProjectAccess", out var a) ? (a, true)
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("removeProjectAccess", out var r) ? (r, false)
            : throw new BadRequestException("Invalid input received: the action must be addProjectAccess or removeProjectAccess.");
        request.RequireAdmin(add ? "volume_extension:volume_type_access:addProjectAccess" : "volume_extension:volume_type_access:removeProjectAccess");
        var project = action.ValueKind == JsonValueKind.Object && action.TryGetProperty("project", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } named
            ? named
            : throw new BadRequestException("Invalid input received: Missing required element 'project' in request body.");
        var type = await GetAsync(request, typeId);
        if (type.IsPublic)
        {
            throw new BadRequestException("Invalid volume type: Type access modification is not applicable to public volume type.");
        }

        if (add == type.ProjectAccess.Contains(project))
        {
            throw add
                ? new ConflictException($"Volume type access for {type.Id}/{project} combination already exists.")
                : new NotFoundException($"Volume type access not found for {type.Id}/{project} combination.");
        }

        await types.ChangeAsync(type.Id, current => current with
        {
            ProjectAccess = add ? current.ProjectAccess.Append(project).ToHashSet(StringComparer.Ordinal) : current.ProjectAccess.Where(x => x != project).ToHashSet(StringComparer.Ordinal),
        }, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    /// <summary>A type by id, name or <c>default</c>; an invisible private type is a 404, as in Cinder.</summary>
    private async Task<VolumeType> GetAsync(RequestContext request, string typeId)
    {
        var type = typeId == "default"
            ? await defaultTypes.ResolveAsync(request.ProjectId, request.CancellationToken)
            : await types.FindAsync(typeId, request.CancellationToken);
        return type is not null && type.IsVisibleTo(request.ProjectId, request.IsAdmin) ? type : throw VolumeTypeStore.NotFound(typeId);
    }

    /// <summary>
    /// Cinder's <c>_allow_update</c> (not behind any option): the specs of a type that volumes have are fixed, since
    /// the volumes were placed by them. A volume created concurrently with the change is not excluded.
    /// </summary>
    private async Task EnsureNotInUseAsync(VolumeType type, CancellationToken cancellationToken)
    {
        if (await volumes.AnyOfTypeAsync(type.Id, cancellationToken))
        {
            throw new BadRequestException("Volume Type is currently in use.");
        }
    }

    /// <summary>The filter as the clients send it (a Python dict literal) or JSON.</summary>
    private static Dictionary<string, string> ParseSpecsFilter(string raw)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(raw.Replace('\'', '"')) ?? [];
        }
        catch (JsonException)
        {
            throw new BadRequestException($"Invalid input received: extra_specs filter {raw} is not a dictionary of strings.");
        }
    }

    private static NotFoundException MissingSpec(VolumeType type, string key) => new($"Volume Type {type.Id} has no extra specs with key {key}.");
}
