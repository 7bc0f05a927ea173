using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.ControlPlane.Quotas;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Volumes;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Errors;
using BlockStore.Core.Filtering;
using BlockStore.Core.Snapshots;
using BlockStore.Core.Validation;
using BlockStore.Core.Volumes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Snapshots;

/// <summary>Cinder v3 snapshot handlers: validate, change state, start the orchestration, render Cinder's view.</summary>
public sealed class SnapshotsApi(
    CinderPipeline pipeline,
    SnapshotStore snapshots,
    SnapshotOutcomes outcomes,
    VolumeStore volumes,
    QuotaLimitStore quotaLimits,
    IdempotencyKeys idempotency,
    WorkflowClients workflows,
    TimeProvider time,
    IOptions<ControlPlaneOptions> options,
    ILogger<SnapshotsApi> logger)
{
    public Task<CinderResult> CreateAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, request =>
        idempotency.CreateAsync(http, request, idempotency.InProject(request.ProjectId), body => CreateAsync(http, request, body)));

    private async Task<CinderResult> CreateAsync(HttpContext http, RequestContext request, IdempotentRequest body)
    {
        var parsed = CreateSnapshotRequestParser.Parse(body.Body.RootElement);
        StoredDictionary.EnsureFits(parsed.Metadata, SnapshotMetadataApi.MetadataOwner);

        // 3.66: in-use volumes need no force; a force that is given must not be false (true is ignored).
        var inUseAllowed = parsed.Force || request.IsAtLeast(66);
        if (request.IsAtLeast(66) && parsed.ForceGiven && !parsed.Force)
        {
            throw new BadRequestException("Invalid input received: The 'force' flag is not supported from microversion 3.66; omit it (a snapshot of an in-use volume needs no force).");
        }
        var volume = await volumes.FindAsync(request.ProjectId, parsed.VolumeId, request.CancellationToken)
            ?? throw NotFoundException.Volume(parsed.VolumeId.ToString("D"));

        var snapshot = new Snapshot
        {
            Id = Guid.NewGuid(),
            ProjectId = request.ProjectId,
            UserId = request.UserId,
            VolumeId = volume.Id,
            Name = parsed.Name,
            Description = parsed.Description,
            SizeGib = volume.SizeGib,
            Status = SnapshotStatus.Creating,
            Metadata = parsed.Metadata,
            Host = volume.Host,
            VolumeTypeId = volume.VolumeTypeId,
            QuotaHold = QuotaHold.Reserved,
            CreatedAt = time.GetUtcNow(),
        };
        var limits = await quotaLimits.GetAsync(request.ProjectId, request.CancellationToken);
        var view = new JsonObject { ["snapshot"] = SnapshotViews.Full(snapshot, request) };
        await BeginCreateAsync(http, snapshot, limits, inUseAllowed, body.Record(202, view), volume.VolumeType, request.CancellationToken);
        return CinderResult.Json(202, view);
    }

    /// <summary>
    /// Stores a new snapshot (quota reserved, its volume checked and touched in the same transaction) and starts its
    /// saga; what group snapshots use for each member too.
    /// </summary>
    internal async Task BeginCreateAsync(HttpContext http, Snapshot snapshot, Core.Quotas.QuotaLimits limits, bool force, Azure.Data.Tables.TableEntity? companion, string? typeName, CancellationToken cancellationToken)
    {
        await snapshots.CreateAsync(snapshot, limits, current =>
        {
            // Cinder: available, or in-use with force; checked on the volume as stored in the same transaction.
            var status = current?.Status ?? throw NotFoundException.Volume(snapshot.VolumeId.ToString("D"));
            if (status != VolumeStatus.Available && !(status == VolumeStatus.InUse && force))
            {
                throw new InvalidStateException($"Invalid volume: Volume {snapshot.VolumeId} status must be available, but current status is: {status.ToWire()}.");
            }
        }, cancellationToken, companion, typeName);

        var input = new SnapshotOperationInput(snapshot.ProjectId, snapshot.Id, snapshot.VolumeId, snapshot.Host, options.Value.AgentTimeout);
        try
        {
            await workflows.For(http).StartAsync(WorkflowNames.CreateSnapshot, WorkflowNames.CreateSnapshotInstanceId(snapshot.Id), input, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not start the create of snapshot {SnapshotId}", snapshot.Id);
            await outcomes.FinishCreateAsync(new FinishSnapshotInput(snapshot.ProjectId, snapshot.Id, false, null, "The snapshot could not be started."), CancellationToken.None);
            throw;
        }
    }

    public Task<CinderResult> ListAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var found = (await FilterAsync(http, request)).ToList();
        return Render(Paging.Apply(http, request, found, SortKeys, snapshot => snapshot.Id.ToString("D"), "snapshots"), SnapshotViews.Summary,
            ListQuery.WithCount(http, request) ? found.Count : null);
    });

    public Task<CinderResult> ListDetailAsync(HttpContext http, string projectId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var found = (await FilterAsync(http, request)).ToList();
        return Render(Paging.Apply(http, request, found, SortKeys, snapshot => snapshot.Id.ToString("D"), "snapshots/detail"),
            snapshot => SnapshotViews.Detail(snapshot, request), ListQuery.WithCount(http, request) ? found.Count : null);
    });

    public Task<CinderResult> ShowAsync(HttpContext http, string projectId, string snapshotId) => pipeline.RunAsync(http, projectId, async request =>
        CinderResult.Json(200, new JsonObject { ["snapshot"] = SnapshotViews.Detail(await GetAsync(request, snapshotId), request) }));

    public Task<CinderResult> UpdateAsync(HttpContext http, string projectId, string snapshotId) => pipeline.RunAsync(http, projectId, async request =>
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var fields = RequestFields.RequiredObject(body.RootElement, "snapshot");
        var name = RequestFields.OptionalString(fields, "name") ?? RequestFields.OptionalString(fields, "display_name");
        var description = RequestFields.OptionalString(fields, "description") ?? RequestFields.OptionalString(fields, "display_description");
        var nameGiven = fields.TryGetProperty("name", out _) || fields.TryGetProperty("display_name", out _);
        var descriptionGiven = fields.TryGetProperty("description", out _) || fields.TryGetProperty("display_description", out _);
        if (!nameGiven && !descriptionGiven)
        {
            throw new BadRequestException("Invalid input received: Must specify name or description to update.");
        }

        var snapshot = await GetAsync(request, snapshotId);
        var now = time.GetUtcNow();
        var updated = await snapshots.ChangeAsync(snapshot.ProjectId, snapshot.Id, current => new RowChange<Snapshot>(current with
        {
            Name = nameGiven ? name : current.Name,
            Description = descriptionGiven ? description : current.Description,
            UpdatedAt = now,
        }), request.CancellationToken);
        return CinderResult.Json(200, new JsonObject { ["snapshot"] = SnapshotViews.Full(updated!, request) });
    });

    public Task<CinderResult> DeleteAsync(HttpContext http, string projectId, string snapshotId) => pipeline.RunAsync(http, projectId, async request =>
    {
        var snapshot = await GetAsync(request, snapshotId);
        await BeginDeleteAsync(http, snapshot, asGroupMember: false, request.CancellationToken);
        return CinderResult.Empty(202);
    });

    /// <summary>
    /// Moves the snapshot to <c>deleting</c> (compare-and-swap) and starts its saga. A member of a group snapshot is
    /// deleted only with it (<paramref name="asGroupMember"/>), as in Cinder.
    /// </summary>
    internal async Task BeginDeleteAsync(HttpContext http, Snapshot snapshot, bool asGroupMember, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deleting = await snapshots.ChangeAsync(snapshot.ProjectId, snapshot.Id, current =>
        {
            if (current.GroupSnapshotId is { } groupSnapshotId && !asGroupMember)
            {
                throw new InvalidStateException($"Invalid snapshot: Unable to delete snapshot {current.Id} because it is part of group snapshot {groupSnapshotId}.");
            }

            if (!SnapshotTransitions.IsAllowed(current.Status, SnapshotStatus.Deleting))
            {
                throw new InvalidStateException(
                    $"Invalid snapshot: Snapshot status must be {string.Join(" or ", SnapshotTransitions.Deletable.Select(s => s.ToWire()))}. (status is {current.Status.ToWire()})");
            }

            return new RowChange<Snapshot>(current.TransitionTo(SnapshotStatus.Deleting, now) with { FailureReason = null });
        }, cancellationToken);

        var input = new SnapshotOperationInput(snapshot.ProjectId, snapshot.Id, snapshot.VolumeId, deleting!.Host, options.Value.AgentTimeout);
        try
        {
            await workflows.For(http).StartAsync(WorkflowNames.DeleteSnapshot, WorkflowNames.DeleteSnapshotInstanceId(snapshot.Id), input, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not start the delete of snapshot {SnapshotId}", snapshot.Id);
            await outcomes.FinishDeleteAsync(new FinishSnapshotInput(snapshot.ProjectId, snapshot.Id, false, null, "The delete could not be started; try again."), CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// <c>POST /snapshots/{id}/action</c>: os-reset_status and os-force_delete (admin), os-update_snapshot_status (what
    /// Nova reports for assisted snapshots; admin here, as nothing but an admin should drive it).
    /// </summary>
    public Task<CinderResult> ActionAsync(HttpContext http, string projectId, string snapshotId) => pipeline.RunAsync(http, projectId, async request =>
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        if (body.RootElement.ValueKind != JsonValueKind.Object || body.RootElement.EnumerateObject().Count() != 1)
        {
            throw new BadRequestException("Invalid input received: the body must name exactly one action.");
        }

        var action = body.RootElement.EnumerateObject().Single();
        var snapshot = await GetAsync(request, snapshotId);
        var now = time.GetUtcNow();
        switch (action.Name)
        {
            case "os-update_snapshot_status":
            {
                // Cinder's policy: a member of the project (Nova acting for the user), not only an admin.
                var (requested, progress) = SnapshotStatusUpdate.Parse(action.Value);
                await snapshots.ChangeAsync(snapshot.ProjectId, snapshot.Id, current =>
                {
                    var update = SnapshotStatusUpdate.For(current.Status, requested, progress);
                    return new RowChange<Snapshot>(current.ForceStatus(update.Status, now) with { Progress = update.Progress ?? current.Progress });
                }, request.CancellationToken);
                return CinderResult.Empty(202);
            }

            case "os-reset_status":
            {
                request.RequireAdmin($"volume_extension:snapshot_admin_actions:{action.Name[3..]}");
                var raw = action.Value.ValueKind == JsonValueKind.Object ? RequestFields.OptionalString(action.Value, "status") : null;
                if (raw is null || !SnapshotStatusNames.TryParse(raw, out var status))
                {
                    throw new BadRequestException($"Invalid input received: Must specify a valid status, not {raw ?? "None"}.");
                }

                await snapshots.ChangeAsync(snapshot.ProjectId, snapshot.Id, current => new RowChange<Snapshot>(current.ForceStatus(status, now)), request.CancellationToken);
                return CinderResult.Empty(202);
            }

            case "os-force_delete":
            {
                request.RequireAdmin("volume_extension:snapshot_admin_actions:force_delete");
                var deleting = await snapshots.ChangeAsync(snapshot.ProjectId, snapshot.Id,
                    current => new RowChange<Snapshot>(current.ForceStatus(SnapshotStatus.Deleting, now) with { FailureReason = null }), request.CancellationToken);
                var input = new SnapshotOperationInput(snapshot.ProjectId, snapshot.Id, snapshot.VolumeId, deleting!.Host, options.Value.AgentTimeout);
                await workflows.For(http).StartAsync(WorkflowNames.DeleteSnapshot, WorkflowNames.DeleteSnapshotInstanceId(snapshot.Id), input, CancellationToken.None);
                return CinderResult.Empty(202);
            }

            default:
                throw new BadRequestException($"There is no such action: {action.Name}");
        }
    });

    private async Task<Snapshot> GetAsync(RequestContext request, string snapshotId)
    {
        if (!Guid.TryParse(snapshotId, out var id))
        {
            throw NotFoundException.Snapshot(snapshotId);
        }

        return await snapshots.FindForAsync(request, id) ?? throw NotFoundException.Snapshot(snapshotId);
    }

    private static readonly Dictionary<string, Func<Snapshot, IComparable?>> SortKeys = new(StringComparer.Ordinal)
    {
        ["created_at"] = snapshot => snapshot.CreatedAt,
        ["updated_at"] = snapshot => snapshot.UpdatedAt,
        ["id"] = snapshot => snapshot.Id.ToString("D"),
        ["name"] = snapshot => snapshot.Name,
        ["display_name"] = snapshot => snapshot.Name,
        ["size"] = snapshot => snapshot.SizeGib,
        ["status"] = snapshot => snapshot.Status.ToWire(),
        ["volume_id"] = snapshot => snapshot.VolumeId.ToString("D"),
    };

    private static CinderResult Render((IReadOnlyList<Snapshot> Page, JsonArray? Links) list, Func<Snapshot, JsonObject> view, int? count)
    {
        var body = new JsonObject { ["snapshots"] = new JsonArray([.. list.Page.Select(snapshot => (JsonNode)view(snapshot))]) };
        if (list.Links is not null)
        {
            body["snapshots_links"] = list.Links;
        }

        if (count is { } total)
        {
            body["count"] = total;
        }

        return CinderResult.Json(200, body);
    }

    /// <summary>
    /// Cinder's snapshot filters: <c>all_tenants</c> (admins), <c>name</c>, <c>status</c>, <c>volume_id</c>; <c>metadata</c>
    /// from 3.22, like filters from 3.34, <c>consumes_quota</c> from 3.65.
    /// </summary>
    private async Task<IEnumerable<Snapshot>> FilterAsync(HttpContext http, RequestContext request)
    {
        ListQuery.RejectInvalidFilters(http, request, "snapshot");
        var query = http.Request.Query;
        var allTenants = ListQuery.AllTenants(http, request);
        IEnumerable<Snapshot> result = await snapshots.ListAsync(allTenants ? null : request.ProjectId, request.CancellationToken);
        if (query.TryGetValue("name", out var name) && name.Count > 0)
        {
            result = result.Where(snapshot => snapshot.Name == name.ToString());
        }

        if (query.TryGetValue("status", out var status) && status.Count > 0)
        {
            result = result.Where(snapshot => string.Equals(snapshot.Status.ToWire(), status.ToString(), StringComparison.OrdinalIgnoreCase));
        }

        if (query.TryGetValue("volume_id", out var volumeId) && volumeId.Count > 0)
        {
            result = result.Where(snapshot => snapshot.VolumeId.ToString("D") == volumeId.ToString());
        }

        if (request.IsAtLeast(22) && query["metadata"].ToString() is { Length: > 0 } metadata)
        {
            var wanted = ParseMetadataFilter(metadata);
            result = result.Where(snapshot => wanted.All(pair => snapshot.Metadata.TryGetValue(pair.Key, out var value) && value == pair.Value));
        }

        if (ListQuery.Like(http, request, "name") is { } nameLike)
        {
            result = result.Where(snapshot => ResourceFilters.IsLike(snapshot.Name, nameLike));
        }

        if (ListQuery.Like(http, request, "status") is { } statusLike)
        {
            result = result.Where(snapshot => ResourceFilters.IsLike(snapshot.Status.ToWire(), statusLike));
        }

        // Every snapshot here consumes quota.
        if (request.IsAtLeast(65) && query["consumes_quota"].ToString() is { Length: > 0 } consumes && !ListQuery.IsTrue(consumes))
        {
            result = [];
        }

        return result;
    }

    /// <summary>metadata={'k': 'v'} as the clients send it (a Python dict literal) or JSON.</summary>
    private static Dictionary<string, string> ParseMetadataFilter(string raw)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(raw.Replace('\'', '"')) ?? [];
        }
        catch (JsonException)
        {
            throw new BadRequestException($"Invalid input received: metadata filter {raw} is not a dictionary of strings.");
        }
    }
}
