using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Quotas;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Types;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Errors;
using BlockStore.Core.Filtering;
using BlockStore.Core.Telemetry;
using BlockStore.Core.Validation;
using BlockStore.Core.Volumes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>
/// Cinder v3 volume handlers. Each one parses, authorizes, changes state through <see cref="VolumeStore"/>,
/// starts the orchestration and renders Cinder's view; none of them waits for storage.
/// </summary>
public sealed class VolumesApi(
    CinderPipeline pipeline,
    VolumeStore volumes,
    VolumeOutcomes outcomes,
    PoolStore pools,
    VolumeTypeStore types,
    ProjectDefaultTypeStore defaultTypes,
    SnapshotStore snapshots,
    Groups.GroupStore groups,
    VolumeDeletion deletion,
    QuotaLimitStore quotaLimits,
    IdempotencyKeys idempotency,
    WorkflowClients workflows,
    TimeProvider time,
    IOptions<ControlPlaneOptions> options,
    ILogger<VolumesApi> logger)
{
    private readonly ControlPlaneOptions _options = options.Value;

    public Task<CinderResult> CreateAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, request =>
        idempotency.CreateAsync(http, request, idempotency.InProject(request.ProjectId), body => CreateAsync(http, request, body)));

    private async Task<CinderResult> CreateAsync(HttpContext http, RequestContext request, IdempotentRequest body)
    {
        if (request.IsAtLeast(53))
        {
            StrictVolumeSchema.EnsureKnownCreateFields(body.Body.RootElement);
        }

        var parsed = CreateVolumeRequestParser.Parse(body.Body.RootElement);
        StoredDictionary.EnsureFits(parsed.Metadata, VolumeMetadataApi.MetadataOwner);

        var source = await ResolveSourceAsync(request, parsed);
        var size = parsed.SizeGib ?? source!.SizeGib;
        if (source is not null && size < source.SizeGib)
        {
            throw new BadRequestException(
                $"Invalid input received: Volume size '{size}'GB cannot be smaller than the {source.What} size {source.SizeGib}GB. They must be >= original {source.What} size.");
        }

        var type = parsed.VolumeType is { } named
            ? await types.FindAsync(named, request.CancellationToken) is { } found && found.IsVisibleTo(request.ProjectId, request.IsAdmin)
                ? found
                : throw new NotFoundException($"Volume type with name {named} could not be found.")
            : source?.Volume.VolumeTypeId is { } inherited && await types.FindAsync(inherited.ToString("D"), request.CancellationToken) is { } sourceType
                ? sourceType
                : await defaultTypes.ResolveAsync(request.ProjectId, request.CancellationToken);

        // Cinder creates an encrypted volume's key in its key manager (Barbican) and answers "Key manager error" when
        // there is none. BlockStore has none, and marking a volume encrypted that nothing encrypts would be a lie.
        if (type.Encryption is not null)
        {
            throw new BadRequestException($"Invalid input received: Key manager error: volume type {type.Name} is encrypted and this deployment has no key manager for its volumes' keys.");
        }

        // A copy is made where its source lives, so it is in the source's zone (Cinder refuses another one).
        var zone = parsed.AvailabilityZone ?? source?.Volume.AvailabilityZone ?? _options.DefaultAvailabilityZone;

        // RESKEY:availability_zones (reserved from 3.52) limits a type to some zones; without a requested zone the
        // default one is kept when the type allows it, else the type's first zone.
        if (type.ExtraSpecs.TryGetValue("RESKEY:availability_zones", out var typeZoneList))
        {
            var typeZones = typeZoneList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (typeZones.Length > 0 && !typeZones.Contains(zone, StringComparer.Ordinal))
            {
                zone = parsed.AvailabilityZone is null && source is null
                    ? typeZones[0]
                    : throw new BadRequestException($"Invalid input received: Volume type is only supported in these availability zones: {string.Join(", ", typeZones)}");
            }
        }

        if (source is not null && zone != source.Volume.AvailabilityZone)
        {
            throw new BadRequestException($"Invalid input received: Volume must be in the same availability zone as the {source.What}");
        }

        if (parsed.AvailabilityZone is not null)
        {
            var known = (await pools.ListAsync(request.CancellationToken)).Select(pool => pool.AvailabilityZone).ToHashSet(StringComparer.Ordinal);
            if (!known.Contains(zone))
            {
                throw new BadRequestException($"Invalid input received: Availability zone '{zone}' is invalid.");
            }
        }

        var group = await ResolveGroupAsync(request, parsed.GroupId, type);
        var volume = new Volume
        {
            Id = Guid.NewGuid(),
            ProjectId = request.ProjectId,
            UserId = request.UserId,
            Name = parsed.Name,
            Description = parsed.Description,
            SizeGib = size,
            Status = VolumeStatus.Creating,
            AvailabilityZone = zone,
            VolumeType = type.Name,
            VolumeTypeId = type.Id,
            Metadata = parsed.Metadata,
            SnapshotId = parsed.SnapshotId,
            SourceVolumeId = parsed.SourceVolumeId,
            GroupId = group?.Id,
            QuotaHold = QuotaHold.Reserved,
            CreatedAt = time.GetUtcNow(),
        };
        var view = new JsonObject { ["volume"] = VolumeViews.Detail(volume, request, stored: false) };
        await BeginCreateAsync(http, request, volume, type, source, parsed, body.Record(202, view), groupStatuses: [Core.Groups.GroupStatuses.Available]);
        return CinderResult.Json(202, view);
    }

    /// <summary>
    /// A copy of <paramref name="sourceVolume"/> (or of its <paramref name="sourceSnapshot"/>) as a member of
    /// <paramref name="group"/>, which is still <c>creating</c>: how a group is created from a source group or a group snapshot.
    /// </summary>
    internal async Task BeginCreateMemberAsync(HttpContext http, RequestContext request, Core.Groups.Group group, Volume sourceVolume, Core.Snapshots.Snapshot? sourceSnapshot)
    {
        var type = sourceVolume.VolumeTypeId is { } typeId && await types.FindAsync(typeId.ToString("D"), request.CancellationToken) is { } found
            ? found
            : await types.GetDefaultAsync(request.CancellationToken);
        var source = sourceSnapshot is null
            ? new VolumeSource("volume", sourceVolume.SizeGib, sourceVolume, null)
            : new VolumeSource("snapshot", sourceSnapshot.SizeGib, sourceVolume, sourceSnapshot);
        var volume = new Volume
        {
            Id = Guid.NewGuid(),
            ProjectId = group.ProjectId,
            UserId = request.UserId,
            Name = sourceVolume.Name,
            Description = sourceVolume.Description,
            SizeGib = source.SizeGib,
            Status = VolumeStatus.Creating,
            AvailabilityZone = sourceVolume.AvailabilityZone,
            VolumeType = type.Name,
            VolumeTypeId = type.Id,
            SnapshotId = sourceSnapshot?.Id,
            SourceVolumeId = sourceSnapshot is null ? sourceVolume.Id : null,
            GroupId = group.Id,
            QuotaHold = QuotaHold.Reserved,
            CreatedAt = time.GetUtcNow(),
        };
        await BeginCreateAsync(http, request, volume, type, source, null, null, groupStatuses: [Core.Groups.GroupStatuses.Creating]);
    }

    /// <summary>Stores the volume with its quota reserved and starts its saga; if the saga cannot start, the reservation is released here.</summary>
    private async Task BeginCreateAsync(
        HttpContext http,
        RequestContext request,
        Volume volume,
        Core.Types.VolumeType type,
        VolumeSource? source,
        CreateVolumeRequest? parsed,
        Azure.Data.Tables.TableEntity? companion,
        string[] groupStatuses)
    {
        await volumes.CreateAsync(volume, await quotaLimits.GetAsync(volume.ProjectId, request.CancellationToken), request.CancellationToken, companion,
            checkGroup: volume.GroupId is null ? null : entity =>
            {
                var group = entity is null ? null : Groups.GroupEntities.Instance.FromEntity(entity);
                if (group is null || !groupStatuses.Contains(group.Status))
                {
                    throw new InvalidStateException($"Invalid group: Group {volume.GroupId} status must be {string.Join(" or ", groupStatuses)}.");
                }
            });

        var input = new CreateVolumeInput(volume.ProjectId, volume.Id, volume.SizeGib, volume.AvailabilityZone, _options.AgentTimeout)
        {
            ExtraSpecs = type.ExtraSpecs,
            SameHostAs = parsed?.SameHostAs ?? [],
            DifferentHostFrom = parsed?.DifferentHostFrom ?? [],
            Source = source?.ToInput(),
            TraceParent = Tracing.CurrentParent,
        };
        try
        {
            await workflows.For(http).StartAsync(WorkflowNames.CreateVolume, WorkflowNames.CreateInstanceId(volume.Id), input, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The orchestration never started, so nothing else will release the reservation: do it here.
            logger.LogError(ex, "Could not start the create of volume {VolumeId}", volume.Id);
            await outcomes.FinishCreateAsync(new FinishCreateInput(
                volume.ProjectId, volume.Id, false, null, null, "The create could not be started; no storage was allocated."), CancellationToken.None);
            throw;
        }

        logger.LogInformation("Accepted create of volume {VolumeId} ({SizeGib} GiB) for project {ProjectId}", volume.Id, volume.SizeGib, volume.ProjectId);
    }

    /// <summary>The group a new volume joins (3.13 <c>group_id</c>), checked as Cinder checks it; null without one.</summary>
    private async Task<Core.Groups.Group?> ResolveGroupAsync(RequestContext request, Guid? groupId, Core.Types.VolumeType type)
    {
        if (groupId is not { } id)
        {
            return null;
        }

        if (request.ApiVersion < new Version(3, 13))
        {
            throw new BadRequestException("Invalid input received: group_id needs microversion 3.13 or later.");
        }

        var group = await groups.FindAsync(request.ProjectId, id, request.CancellationToken) ?? throw Groups.GroupStore.NotFound(id.ToString("D"));
        if (!group.VolumeTypeIds.Contains(type.Id))
        {
            throw new BadRequestException(
                $"Invalid input received: Invalid volume_type provided: {type.Name} (requested type is not compatible with the group; the group's types are {string.Join(", ", group.VolumeTypeIds)}).");
        }

        return group;
    }

    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        // "volumes/" is Cinder's empty volume id, a 404, not the list.
        if (http.Request.Path.Value?.EndsWith('/') == true)
        {
            throw NotFoundException.Volume("");
        }

        var found = (await FilterAsync(http, request)).ToList();
        var (page, links) = Paging.Apply(http, request, found, SortKeys, volume => volume.Id.ToString("D"), "volumes");
        return CinderResult.Json(200, WithCount(http, request, found.Count, WithLinks(new JsonObject
        {
            ["volumes"] = new JsonArray([.. page.Select(volume => (JsonNode)VolumeViews.Summary(volume, request))]),
        }, links)));
    });

    public Task<CinderResult> ListDetailAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var found = (await FilterAsync(http, request)).ToList();
        var (page, links) = Paging.Apply(http, request, found, SortKeys, volume => volume.Id.ToString("D"), "volumes/detail");
        return CinderResult.Json(200, WithCount(http, request, found.Count, WithLinks(new JsonObject
        {
            ["volumes"] = new JsonArray([.. page.Select(volume => (JsonNode)VolumeViews.Detail(volume, request, stored: true))]),
        }, links)));
    });

    /// <summary><c>GET volumes/summary</c> (3.12): count and total size of the listed volumes, from 3.36 with every metadata value.</summary>
    public Task<CinderResult> SummaryAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        request.RequireVersion(12);
        // Cinder's summary (volume_api.get_volume_summary) reads all_tenants and drops every other filter.
        var found = await volumes.ListAsync(ListQuery.AllTenants(http, request) ? null : request.ProjectId, request.CancellationToken);
        var summary = new JsonObject
        {
            ["total_size"] = found.Sum(volume => volume.SizeGib),
            ["total_count"] = found.Count,
        };
        if (request.IsAtLeast(36))
        {
            summary["metadata"] = new JsonObject(found
                .SelectMany(volume => volume.Metadata)
                .GroupBy(pair => pair.Key, StringComparer.Ordinal)
                .OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => KeyValuePair.Create(group.Key, (JsonNode?)new JsonArray([.. group.Select(pair => pair.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(value => (JsonNode)value)]))));
        }

        return CinderResult.Json(200, new JsonObject { ["volume-summary"] = summary });
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string volumeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var volume = await GetAsync(request, volumeId);
        return CinderResult.Json(200, new JsonObject { ["volume"] = VolumeViews.Detail(volume, request, stored: true) });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string volumeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        // cascade=True (cinder delete --cascade, openstack volume delete --purge): the snapshots go first, in the same saga.
        var cascade = RequestFields.QueryBool(http.Request.Query["cascade"].ToString(), "cascade");
        var volume = await GetAsync(request, volumeId);

        // 3.23: ?force=true deletes from any status but attached, under the force-delete policy.
        var force = request.IsAtLeast(23) && RequestFields.QueryBool(http.Request.Query["force"].ToString(), "force");
        if (force)
        {
            request.RequireAdmin("volume_extension:volume_admin_actions:force_delete");
        }

        await BeginDeleteAsync(http, volume, memberOf: null, force, cascade, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    /// <summary>
    /// Moves the volume (and for a cascade its snapshots) to <c>deleting</c> and starts its saga; group deletes use it
    /// for each member (<paramref name="memberOf"/>).
    /// </summary>
    internal async Task BeginDeleteAsync(HttpContext http, Volume volume, Guid? memberOf, bool force, bool cascade, CancellationToken cancellationToken)
    {
        var (deleting, marked) = await deletion.BeginAsync(volume.ProjectId, volume.Id, cascade, force, memberOf, cancellationToken);

        var input = new DeleteVolumeInput(volume.ProjectId, volume.Id, deleting.Host, _options.AgentTimeout)
        {
            TraceParent = Tracing.CurrentParent,
            Snapshots = [.. marked.Select(snapshot => new SnapshotOperationInput(snapshot.ProjectId, snapshot.Id, snapshot.VolumeId, snapshot.Host, _options.AgentTimeout))],
        };
        try
        {
            await workflows.For(http).StartAsync(WorkflowNames.DeleteVolume, WorkflowNames.DeleteInstanceId(volume.Id), input, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not start the delete of volume {VolumeId}", volume.Id);
            await deletion.AbandonAsync(deleting, marked, "The delete could not be started; try again.");
            throw;
        }

        logger.LogInformation("Accepted delete of volume {VolumeId} with {SnapshotCount} snapshots for project {ProjectId}", volume.Id, marked.Count, volume.ProjectId);
    }

    /// <summary>The snapshot or volume a create copies, checked as Cinder checks it; null for an empty volume.</summary>
    private async Task<VolumeSource?> ResolveSourceAsync(RequestContext request, CreateVolumeRequest parsed)
    {
        if (parsed.SnapshotId is { } snapshotId)
        {
            var snapshot = await snapshots.FindAsync(request.ProjectId, snapshotId, request.CancellationToken)
                ?? throw NotFoundException.Snapshot(snapshotId.ToString("D"));
            if (snapshot.Status != Core.Snapshots.SnapshotStatus.Available)
            {
                throw new InvalidStateException("Invalid snapshot: Originating snapshot status must be one of 'available' values");
            }

            var parent = await volumes.FindAsync(request.ProjectId, snapshot.VolumeId, request.CancellationToken)
                ?? throw NotFoundException.Volume(snapshot.VolumeId.ToString("D"));
            return new VolumeSource("snapshot", snapshot.SizeGib, parent, snapshot);
        }

        if (parsed.SourceVolumeId is { } sourceId)
        {
            var source = await volumes.FindAsync(request.ProjectId, sourceId, request.CancellationToken)
                ?? throw NotFoundException.Volume(sourceId.ToString("D"));
            if (source.Status is not (VolumeStatus.Available or VolumeStatus.InUse))
            {
                throw new InvalidStateException($"Invalid volume: Unable to clone volumes that are in a {source.Status.ToWire()} state");
            }

            return new VolumeSource("volume", source.SizeGib, source, null);
        }

        return null;
    }

    private async Task<Volume> GetAsync(RequestContext request, string volumeId)
    {
        if (!Guid.TryParse(volumeId, out var id))
        {
            throw NotFoundException.Volume(volumeId);
        }

        return await volumes.FindForAsync(request, id) ?? throw NotFoundException.Volume(volumeId);
    }

    /// <summary>The keys Cinder sorts volumes by.</summary>
    private static readonly Dictionary<string, Func<Volume, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = volume => volume.CreatedAt,
        ["updated_at"] = volume => volume.UpdatedAt,
        ["id"] = volume => volume.Id.ToString("D"),
        ["name"] = volume => volume.Name,
        ["display_name"] = volume => volume.Name,
        ["size"] = volume => volume.SizeGib,
        ["status"] = volume => volume.Status.ToWire(),
        ["availability_zone"] = volume => volume.AvailabilityZone,
        ["volume_type"] = volume => volume.VolumeType,
        ["bootable"] = volume => volume.Bootable,
    };

    /// <summary>
    /// Cinder's list filters: <c>all_tenants</c> (admins), <c>name</c>, <c>status</c>, <c>availability_zone</c>, <c>bootable</c>,
    /// <c>metadata</c>, <c>size</c>, <c>migration_status</c>; <c>glance_metadata</c> from 3.4, <c>group_id</c> from 3.10, like filters from 3.34,
    /// <c>created_at</c>/<c>updated_at</c> comparisons from 3.60, <c>consumes_quota</c> from 3.65.
    /// </summary>
    private async Task<IEnumerable<Volume>> FilterAsync(HttpContext http, RequestContext request)
    {
        ListQuery.RejectInvalidFilters(http, request, "volume");
        var query = http.Request.Query;
        var allTenants = ListQuery.AllTenants(http, request);
        var onlyProject = allTenants && query["project_id"].ToString() is { Length: > 0 } named ? named : null;
        var found = await volumes.ListAsync(allTenants ? onlyProject : request.ProjectId, request.CancellationToken);

        IEnumerable<Volume> result = found;
        if (query.TryGetValue("name", out var name) && name.Count > 0)
        {
            result = result.Where(volume => volume.Name == name.ToString());
        }

        if (query.TryGetValue("status", out var status) && status.Count > 0)
        {
            result = result.Where(volume => string.Equals(volume.Status.ToWire(), status.ToString(), StringComparison.OrdinalIgnoreCase));
        }

        if (query.TryGetValue("availability_zone", out var zone) && zone.Count > 0)
        {
            result = result.Where(volume => volume.AvailabilityZone == zone.ToString());
        }

        if (query.TryGetValue("bootable", out var bootable) && bootable.Count > 0)
        {
            var wanted = Bootable(bootable.ToString(), request);
            result = result.Where(volume => volume.Bootable == wanted);
        }

        // From 3.10 (VOLUME_LIST_GROUP); Cinder drops the filter below it.
        if (request.IsAtLeast(10) && query["group_id"].ToString() is { Length: > 0 } groupId)
        {
            result = result.Where(volume => string.Equals(volume.GroupId?.ToString("D"), groupId, StringComparison.OrdinalIgnoreCase));
        }

        if (query.TryGetValue("size", out var size) && size.Count > 0)
        {
            result = result.Where(volume => volume.SizeGib.ToString(System.Globalization.CultureInfo.InvariantCulture) == size.ToString());
        }

        // No volume here migrates, so every volume's migration_status is null and no value matches it.
        if (query.TryGetValue("migration_status", out var migration) && migration.Count > 0)
        {
            result = [];
        }

        // metadata={'k': 'v'} as the clients send it (a Python dict literal) or JSON.
        if (query.TryGetValue("metadata", out var metadata) && metadata.Count > 0)
        {
            var wanted = ParseMetadataFilter(metadata.ToString());
            result = result.Where(volume => wanted.All(pair => volume.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value));
        }

        // No volume is created from an image here, so none has image metadata to match.
        if (request.IsAtLeast(4) && query.TryGetValue("glance_metadata", out var glance) && glance.Count > 0)
        {
            result = [];
        }

        foreach (var (key, value) in LikeFields)
        {
            if (ListQuery.Like(http, request, key) is { } fragment)
            {
                result = result.Where(volume => ResourceFilters.IsLike(value(volume), fragment));
            }
        }

        var created = ListQuery.TimeComparisons(http, request, "created_at");
        var updated = ListQuery.TimeComparisons(http, request, "updated_at");
        if (created.Count + updated.Count > 0)
        {
            result = result.Where(volume => created.All(c => c.Matches(volume.CreatedAt)) && updated.All(c => c.Matches(volume.UpdatedAt)));
        }

        // Every volume here consumes quota (there are no temporary volumes).
        if (request.IsAtLeast(65) && query["consumes_quota"].ToString() is { Length: > 0 } consumes && !ListQuery.IsTrue(consumes))
        {
            result = [];
        }

        return result;
    }

    /// <summary>The string fields a like filter (<c>key~</c>) can match.</summary>
    private static readonly (string Key, Func<Volume, string?> Value)[] LikeFields =
    [
        ("name", volume => volume.Name),
        ("status", volume => volume.Status.ToWire()),
        ("availability_zone", volume => volume.AvailabilityZone),
    ];

    private static JsonObject WithCount(HttpContext http, RequestContext request, int count, JsonObject body)
    {
        if (ListQuery.WithCount(http, request))
        {
            body["count"] = count;
        }

        return body;
    }

    private static JsonObject WithLinks(JsonObject body, JsonArray? links)
    {
        if (links is not null)
        {
            body["volumes_links"] = links;
        }

        return body;
    }

    private static Dictionary<string, string> ParseMetadataFilter(string raw)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(raw.Replace('\'', '"')) ?? [];
        }
        catch (JsonException)
        {
            throw new BadRequestException($"Invalid input received: metadata filter {raw} is not a dictionary of strings.");
        }
    }

    /// <summary>
    /// The <c>bootable</c> filter as Cinder's volume API reads it: strict from 3.2 (VOLUME_LIST_BOOTABLE), a 400 naming
    /// the value otherwise; below, only False/false/FALSE are false and any other value is true.
    /// </summary>
    private static bool Bootable(string value, RequestContext request)
    {
        if (!request.IsAtLeast(2))
        {
            return value is not ("False" or "false" or "FALSE");
        }

        return RequestFields.TryParseBool(value, out var wanted) ? wanted : throw new BadRequestException($"Invalid input received: 'bootable = {value}'");
    }
}
