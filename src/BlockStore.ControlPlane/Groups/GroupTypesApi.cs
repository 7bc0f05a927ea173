using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.Core.Errors;
using BlockStore.Core.Groups;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Groups;

/// <summary>
/// Cinder's group types and group specs (microversion 3.11). Changes are admin-only, as Cinder's default policy;
/// a private group type is visible to admins only (Cinder has no access list for group types).
/// </summary>
public sealed class GroupTypesApi(CinderPipeline pipeline, GroupTypeStore types, GroupStore groups, Idempotency.IdempotencyKeys idempotency, TimeProvider time)
{
    private const int Version = 11;

    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        var filter = http.Request.Query["is_public"].ToString();
        bool? isPublic = filter.ToLowerInvariant() switch
        {
            "" => request.IsAdmin ? null : true,
            "none" => null,
            "true" or "1" or "yes" or "t" or "on" => true,
            "false" or "0" or "no" or "f" or "off" => false,
            _ => throw new BadRequestException($"Invalid input received: is_public {filter} is not a boolean."),
        };
        var visible = (await types.ListAsync(request.CancellationToken))
            .Where(type => type.IsVisibleTo(request.IsAdmin))
            .Where(type => isPublic is null || type.IsPublic == isPublic);
        var (page, links) = Paging.Apply(http, request, visible, SortKeys, type => type.Id.ToString("D"), "group_types");
        var body = new JsonObject { ["group_types"] = new JsonArray([.. page.Select(type => (JsonNode)GroupViews.GroupType(type, request))]) };
        if (links is not null)
        {
            body["group_type_links"] = links;
        }

        return CinderResult.Json(200, body);
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        if (typeId == "default")
        {
            // Cinder shows the type named by its default_group_type option, unset by default: then there is none.
            throw new NotFoundException("Default group type could not be found.");
        }

        return CinderResult.Json(200, new JsonObject { ["group_type"] = GroupViews.GroupType(await GetAsync(request, typeId), request) });
    });

    public Task<CinderResult> CreateAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        request.RequireAdmin("group:group_types:create");
        return await idempotency.CreateAsync(http, request, idempotency.InTypes(GroupTypeStore.Partition), async body =>
        {
            var (name, description, isPublic, specs) = GroupTypeRequestParser.ParseCreate(body.Body.RootElement);
            var type = new GroupType
            {
                Id = Guid.NewGuid(),
                Name = name,
                Description = description,
                IsPublic = isPublic,
                GroupSpecs = specs,
                CreatedAt = time.GetUtcNow(),
            };
            var view = new JsonObject { ["group_type"] = GroupViews.GroupType(type, request) };
            await types.CreateAsync(type, request.CancellationToken, body.Record(202, view));
            return CinderResult.Json(202, view);
        });
    });

    public Task<CinderResult> UpdateAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        request.RequireAdmin("group:group_types:update");
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var (name, description, descriptionGiven, isPublic) = GroupTypeRequestParser.ParseUpdate(body.RootElement);
        var type = await GetAsync(request, typeId);
        var updated = await types.ChangeAsync(type.Id, current => current with
        {
            Name = name ?? current.Name,
            Description = descriptionGiven ? description : current.Description,
            IsPublic = isPublic ?? current.IsPublic,
        }, request.CancellationToken);
        return CinderResult.Json(200, new JsonObject { ["group_type"] = GroupViews.GroupType(updated, request) });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        request.RequireAdmin("group:group_types:delete");
        var type = await GetAsync(request, typeId);
        if (await groups.AnyOfTypeAsync(type.Id, request.CancellationToken))
        {
            throw new BadRequestException("Target group type is still in use.");
        }

        await types.DeleteAsync(type, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    public Task<CinderResult> ListSpecsAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        request.RequireAdmin("group:group_types_specs:get_all");
        var type = await GetAsync(request, typeId);
        return CinderResult.Json(200, new JsonObject { ["group_specs"] = GroupViews.Specs(type.GroupSpecs) });
    });

    public Task<CinderResult> SetSpecsAsync(HttpContext http, string projectId, string typeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        request.RequireAdmin("group:group_types_specs:create");
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var specs = GroupTypeRequestParser.ParseGroupSpecs(body.RootElement);
        var type = await GetAsync(request, typeId);
        await types.ChangeAsync(type.Id, current => current with { GroupSpecs = MetadataApi.Merge(current.GroupSpecs, specs) }, request.CancellationToken);
        return CinderResult.Json(202, new JsonObject { ["group_specs"] = GroupViews.Specs(specs) });
    });

    public Task<CinderResult> ShowSpecAsync(HttpContext http, string projectId, string typeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        request.RequireAdmin("group:group_types_specs:get");
        var type = await GetAsync(request, typeId);
        return type.GroupSpecs.TryGetValue(key, out var value)
            ? CinderResult.Json(200, new JsonObject { [key] = value })
            : throw MissingSpec(type, key);
    });

    public Task<CinderResult> UpdateSpecAsync(HttpContext http, string projectId, string typeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        request.RequireAdmin("group:group_types_specs:update");
        GroupTypeRequestParser.EnsureValidKey(key);
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var value = GroupTypeRequestParser.ParseSpecItem(body.RootElement, key);
        var type = await GetAsync(request, typeId);
        await types.ChangeAsync(type.Id, current => current with
        {
            GroupSpecs = MetadataApi.Merge(current.GroupSpecs, new Dictionary<string, string> { [key] = value }),
        }, request.CancellationToken);
        return CinderResult.Json(200, new JsonObject { [key] = value });
    });

    public Task<CinderResult> DeleteSpecAsync(HttpContext http, string projectId, string typeId, string key) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(Version);
        request.RequireAdmin("group:group_types_specs:delete");
        var type = await GetAsync(request, typeId);
        if (!type.GroupSpecs.ContainsKey(key))
        {
            throw MissingSpec(type, key);
        }

        await types.ChangeAsync(type.Id, current => current with
        {
            GroupSpecs = current.GroupSpecs.Where(pair => pair.Key != key).ToDictionary(StringComparer.Ordinal),
        }, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    /// <summary>A group type by id or name; a private one is a 404 to non-admins.</summary>
    private async Task<GroupType> GetAsync(RequestContext request, string typeId) =>
        await types.FindAsync(typeId, request.CancellationToken) is { } type && type.IsVisibleTo(request.IsAdmin)
            ? type
            : throw GroupTypeStore.NotFound(typeId);

    private static NotFoundException MissingSpec(GroupType type, string key) => new($"Group Type {type.Id} has no specs with key {key}.");

    private static readonly Dictionary<string, Func<GroupType, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = type => type.CreatedAt,
        ["id"] = type => type.Id.ToString("D"),
        ["name"] = type => type.Name,
        ["description"] = type => type.Description,
        ["is_public"] = type => type.IsPublic,
    };
}
