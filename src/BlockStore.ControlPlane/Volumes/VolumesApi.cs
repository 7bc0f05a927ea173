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
using BlockStore.Core.Telemetry;
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
    SnapshotStore snapshots,
    VolumeDeletion deletion,
    QuotaLimitStore quotaLimits,
    IdempotencyKeys idempotency,
    WorkflowClients workflows,
    TimeProvider time,
    IOptions<ControlPlaneOptions> options,
    ILogger<VolumesApi> logger)
{
    private readonly ControlPlaneOptions _options = options.Value;

    public Task<CinderResult> CreateAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        using var body = await IdempotencyKeys.ReadAsync(http, request);
        if (await idempotency.ReplayAsync(body, request.ProjectId, request.CancellationToken) is { } replay)
        {
            return replay;
        }

        var parsed = CreateVolumeRequestParser.Parse(body.Body.RootElement);

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
                : await types.GetDefaultAsync(request.CancellationToken);

        // A copy is made where its source lives, so it is in the source's zone (Cinder refuses another one).
        var zone = parsed.AvailabilityZone ?? source?.Volume.AvailabilityZone ?? _options.DefaultAvailabilityZone;
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
            QuotaHold = QuotaHold.Reserved,
            CreatedAt = time.GetUtcNow(),
        };
        var view = new JsonObject { ["volume"] = VolumeViews.Detail(volume, request, withAdminFields: false) };
        try
        {
            await volumes.CreateAsync(volume, await quotaLimits.GetAsync(request.ProjectId, request.CancellationToken), request.CancellationToken,
                IdempotencyKeys.Record(body, request.ProjectId, 202, view));
        }
        catch (DuplicateKeyException)
        {
            return await idempotency.ReplayAsync(body, request.ProjectId, request.CancellationToken)
                ?? throw new ConflictException("A concurrent request with the same Idempotency-Key is being processed; try again.");
        }

        var input = new CreateVolumeInput(volume.ProjectId, volume.Id, volume.SizeGib, volume.AvailabilityZone, _options.AgentTimeout)
        {
            ExtraSpecs = type.ExtraSpecs,
            SameHostAs = parsed.SameHostAs,
            DifferentHostFrom = parsed.DifferentHostFrom,
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
        return CinderResult.Json(202, view);
    });

    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        // "volumes/" is Cinder's empty volume id, a 404, not the list.
        if (http.Request.Path.Value?.EndsWith('/') == true)
        {
            throw NotFoundException.Volume("");
        }

        var (page, links) = Paging.Apply(http, request, await FilterAsync(http, request), SortKeys, volume => volume.Id.ToString("D"), "volumes");
        return CinderResult.Json(200, WithLinks(new JsonObject
        {
            ["volumes"] = new JsonArray([.. page.Select(volume => (JsonNode)VolumeViews.Summary(volume, request))]),
        }, links));
    });

    public Task<CinderResult> ListDetailAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var (page, links) = Paging.Apply(http, request, await FilterAsync(http, request), SortKeys, volume => volume.Id.ToString("D"), "volumes/detail");
        return CinderResult.Json(200, WithLinks(new JsonObject
        {
            ["volumes"] = new JsonArray([.. page.Select(volume => (JsonNode)VolumeViews.Detail(volume, request, request.IsAdmin))]),
        }, links));
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string volumeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var volume = await GetAsync(request, volumeId);
        return CinderResult.Json(200, new JsonObject { ["volume"] = VolumeViews.Detail(volume, request, request.IsAdmin) });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string volumeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        // cascade=True (cinder delete --cascade, openstack volume delete --purge): the snapshots go first, in the same saga.
        var cascade = ParseBool(http.Request.Query["cascade"].ToString(), "cascade");
        var volume = await GetAsync(request, volumeId);
        var (deleting, marked) = await deletion.BeginAsync(volume.ProjectId, volume.Id, cascade, request.CancellationToken);

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
        return CinderResult.Empty(202);
    });

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

    /// <summary>Cinder's list filters: <c>all_tenants</c> (admins), <c>name</c>, <c>status</c>, <c>availability_zone</c>, <c>bootable</c>, <c>metadata</c>.</summary>
    private async Task<IEnumerable<Volume>> FilterAsync(HttpContext http, RequestContext request)
    {
        var query = http.Request.Query;
        var allTenants = request.IsAdmin && IsTrue(query["all_tenants"].ToString());
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
            var wanted = IsTrue(bootable.ToString());
            result = result.Where(volume => volume.Bootable == wanted);
        }

        // metadata={'k': 'v'} as the clients send it (a Python dict literal) or JSON.
        if (query.TryGetValue("metadata", out var metadata) && metadata.Count > 0)
        {
            var wanted = ParseMetadataFilter(metadata.ToString());
            result = result.Where(volume => wanted.All(pair => volume.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value));
        }

        return result;
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

    /// <summary>Cinder's strict boolean query parameters (oslo's bool_from_string); absent is false.</summary>
    private static bool ParseBool(string value, string name) => value.ToLowerInvariant() switch
    {
        "" or "0" or "f" or "false" or "n" or "no" or "off" => false,
        "1" or "t" or "true" or "y" or "yes" or "on" => true,
        _ => throw new BadRequestException(
            $"Invalid input received: Invalid value '{value}' for {name}: acceptable values are '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'."),
    };

    private static bool IsTrue(string value) =>
        value is "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "yes", StringComparison.OrdinalIgnoreCase);
}
