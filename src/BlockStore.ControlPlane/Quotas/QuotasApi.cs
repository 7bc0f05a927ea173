using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Types;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Validation;
using Microsoft.AspNetCore.Http;

namespace BlockStore.ControlPlane.Quotas;

/// <summary>os-quota-sets, os-quota-class-sets and /limits, as Cinder shows them.</summary>
public sealed class QuotasApi(CinderPipeline pipeline, QuotaLimitStore limits, ProjectRows rows, VolumeTypeStore types)
{
    private static readonly string[] Counted = [QuotaResources.Volumes, QuotaResources.Snapshots, QuotaResources.Gigabytes, QuotaResources.Backups, QuotaResources.BackupGigabytes, QuotaResources.Groups];

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string targetId) => pipeline.RunAsync(http, projectId, async request =>
    {
        if (targetId != request.ProjectId)
        {
            request.RequireAdmin("volume_extension:quotas:show");
        }

        Target(targetId);
        var usage = RequestFields.QueryBool(http.Request.Query["usage"], "usage");
        var current = await limits.GetAsync(targetId, request.CancellationToken);
        var typeList = await types.ListAsync(request.CancellationToken);
        var set = Render(targetId, current, usage ? await ReadUsageAsync(targetId, typeList, request.CancellationToken) : null, typeList);
        return CinderResult.Json(200, new JsonObject { ["quota_set"] = set });
    });

    public Task<CinderResult> DefaultsAsync(HttpContext http, string projectId, string targetId) => pipeline.RunAsync(http, projectId, async request =>
        CinderResult.Json(200, new JsonObject { ["quota_set"] = Render(targetId, await limits.GetDefaultsAsync(request.CancellationToken), null, await types.ListAsync(request.CancellationToken)) }));

    public Task<CinderResult> UpdateAsync(HttpContext http, string projectId, string targetId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:quotas:update");
        Target(targetId);
        var typeList = await types.ListAsync(request.CancellationToken);
        var changes = await ReadChangesAsync(http, request, "quota_set", typeList, nonEmpty: true);
        var usage = ByLimitKey(await ReadUsageAsync(targetId, typeList, request.CancellationToken), typeList);
        foreach (var (resource, limit) in changes)
        {
            if (limit >= 0 && usage.TryGetValue(resource, out var used) && limit < used.Consumed)
            {
                throw new BadRequestException(
                    $"Invalid input received: Quota limit {limit} for {resource} must be equal or greater than existing resources. Current usage is {used.Consumed}.");
            }
        }

        await limits.SetProjectAsync(targetId, changes, request.CancellationToken);
        var set = Render(targetId, await limits.GetAsync(targetId, request.CancellationToken), null, typeList);
        set.Remove("id");
        return CinderResult.Json(200, new JsonObject { ["quota_set"] = set });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string targetId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:quotas:delete");
        await limits.ResetProjectAsync(Target(targetId), request.CancellationToken);
        return CinderResult.Empty(200);
    });

    public Task<CinderResult> ShowClassAsync(HttpContext http, string projectId, string className) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:quota_classes");
        return CinderResult.Json(200, new JsonObject { ["quota_class_set"] = Render(className, await limits.GetDefaultsAsync(request.CancellationToken), null, await types.ListAsync(request.CancellationToken)) });
    });

    /// <summary>Only the <c>default</c> class exists: its limits are every project's defaults.</summary>
    public Task<CinderResult> UpdateClassAsync(HttpContext http, string projectId, string className) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireAdmin("volume_extension:quota_classes:update");
        if (className != "default")
        {
            throw new BadRequestException($"Invalid input received: Only the 'default' quota class exists here, not '{className}'.");
        }

        var typeList = await types.ListAsync(request.CancellationToken);
        await limits.SetDefaultsAsync(await ReadChangesAsync(http, request, "quota_class_set", typeList), request.CancellationToken);
        var set = Render(className, await limits.GetDefaultsAsync(request.CancellationToken), null, typeList);
        set.Remove("id");
        return CinderResult.Json(200, new JsonObject { ["quota_class_set"] = set });
    });

    public Task<CinderResult> LimitsAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        // 3.39: an admin may ask for another project's limits (project_id, or the older tenant_id); others never.
        var target = request.IsAdmin && request.IsAtLeast(39)
            && (http.Request.Query["project_id"].ToString() is { Length: > 0 } named ? named : http.Request.Query["tenant_id"].ToString()) is { Length: > 0 } asked
                ? asked
                : request.ProjectId;
        CinderPipeline.EnsureProjectId(target);
        var current = await limits.GetAsync(target, request.CancellationToken);
        var usage = await rows.GetQuotaUsageAsync(target, Counted, request.CancellationToken);
        return CinderResult.Json(200, new JsonObject
        {
            ["limits"] = new JsonObject
            {
                ["rate"] = new JsonArray(),
                ["absolute"] = new JsonObject
                {
                    ["totalSnapshotsUsed"] = usage[QuotaResources.Snapshots].Consumed,
                    ["maxTotalBackups"] = current.Backups,
                    ["maxTotalVolumeGigabytes"] = current.Gigabytes,
                    ["maxTotalSnapshots"] = current.Snapshots,
                    ["maxTotalBackupGigabytes"] = current.BackupGigabytes,
                    ["totalBackupGigabytesUsed"] = usage[QuotaResources.BackupGigabytes].Consumed,
                    ["maxTotalVolumes"] = current.Volumes,
                    ["totalVolumesUsed"] = usage[QuotaResources.Volumes].Consumed,
                    ["totalBackupsUsed"] = usage[QuotaResources.Backups].Consumed,
                    ["totalGigabytesUsed"] = usage[QuotaResources.Gigabytes].Consumed,
                },
            },
        });
    });

    /// <summary>Cinder's quota set: the plain limits, or <c>{limit, in_use, reserved, allocated}</c> with usage; every type's three keys.</summary>
    private static JsonObject Render(string id, QuotaLimits current, IReadOnlyDictionary<string, QuotaUsage>? usage, IReadOnlyList<Core.Types.VolumeType> typeList)
    {
        var set = new JsonObject { ["id"] = id };
        foreach (var resource in QuotaLimitStore.Resources)
        {
            set[resource] = Entry(resource == "per_volume_gigabytes" ? current.PerVolumeGigabytes : current.Of(resource), usage, resource);
        }

        foreach (var type in typeList)
        {
            foreach (var resource in QuotaResources.PerType)
            {
                set[QuotaResources.LimitKey(resource, type.Name)] = Entry(current.OfType(resource, type.Name), usage, QuotaResources.ForType(resource, type.Id));
            }
        }

        return set;
    }

    private static JsonNode Entry(int limit, IReadOnlyDictionary<string, QuotaUsage>? usage, string usageRow) =>
        usage is null
            ? JsonValue.Create(limit)
            : new JsonObject
            {
                ["limit"] = limit,
                ["in_use"] = usage.TryGetValue(usageRow, out var used) ? used.InUse : 0,
                ["reserved"] = usage.TryGetValue(usageRow, out var reserved) ? reserved.Reserved : 0,
                ["allocated"] = 0,
            };

    /// <summary>The project's usage rows, the per-type ones included (read in parallel).</summary>
    private Task<IReadOnlyDictionary<string, QuotaUsage>> ReadUsageAsync(string projectId, IReadOnlyList<Core.Types.VolumeType> typeList, CancellationToken cancellationToken) =>
        rows.GetQuotaUsageAsync(projectId, [.. Counted, .. typeList.SelectMany(type => QuotaResources.PerType.Select(resource => QuotaResources.ForType(resource, type.Id)))], cancellationToken);

    /// <summary>Usage by the key its limit has (<c>volumes_gold</c> for the gold type's row).</summary>
    private static Dictionary<string, QuotaUsage> ByLimitKey(IReadOnlyDictionary<string, QuotaUsage> usage, IReadOnlyList<Core.Types.VolumeType> typeList)
    {
        var byKey = usage.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        foreach (var type in typeList)
        {
            foreach (var resource in QuotaResources.PerType)
            {
                if (usage.TryGetValue(QuotaResources.ForType(resource, type.Id), out var used))
                {
                    byKey[QuotaResources.LimitKey(resource, type.Name)] = used;
                }
            }
        }

        return byKey;
    }

    /// <summary>
    /// A quota set's target as Cinder takes it: any id of 1 to 255 characters, since a project need not exist to have
    /// quotas (openstacksdk reads the defaults as <c>os-quota-sets/defaults</c>); refused (400) when it cannot be a
    /// Table key, where Cinder would take it.
    /// </summary>
    private static string Target(string id) =>
        id.Length is > 0 and <= 255 && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? id
            : throw new BadRequestException($"Invalid input received: {id} is not a project id.");

    /// <param name="nonEmpty">The schema's <c>minProperties: 1</c> (Cinder's quota_set has it, its quota_class_set not).</param>
    private static async Task<Dictionary<string, int>> ReadChangesAsync(
        HttpContext http, RequestContext request, string property, IReadOnlyList<Core.Types.VolumeType> typeList, bool nonEmpty = false)
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty(property, out var set) || set.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"Missing required element '{property}' in request body.");
        }

        if (nonEmpty && !set.EnumerateObject().Any())
        {
            throw new BadRequestException($"Invalid input for field/attribute {property}. Value: {{}}. {{}} should be non-empty");
        }

        var perTypeKeys = typeList.SelectMany(type => QuotaResources.PerType.Select(resource => QuotaResources.LimitKey(resource, type.Name))).ToHashSet(StringComparer.Ordinal);
        var changes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in set.EnumerateObject())
        {
            if (item.Name is "id" or "tenant_id" or "class_name")
            {
                continue;
            }

            // Per-type keys exist for the types that exist (Cinder lists them as resources); anything else is unknown.
            if (!QuotaLimitStore.Resources.Contains(item.Name) && !perTypeKeys.Contains(item.Name))
            {
                throw new BadRequestException($"Invalid input received: Bad key(s) in quota set: {item.Name}");
            }

            var raw = item.Value.ValueKind == JsonValueKind.String ? item.Value.GetString()! : item.Value.GetRawText();
            if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) || limit < -1)
            {
                throw new BadRequestException($"Invalid input received: Quota limit for {item.Name} must be an integer of -1 or more, not {raw}.");
            }

            changes[item.Name] = limit;
        }

        return changes;
    }
}
