using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Quotas;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Types;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Scheduling;
using BlockStore.Core.Validation;
using BlockStore.Core.Volumes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>
/// <c>POST /volumes/{id}/action</c>: os-extend, os-reset_status, os-force_delete, os-set_bootable and
/// os-update_readonly_flag, with Cinder's policies (reset and force-delete are admin-only) and answers.
/// </summary>
public sealed class VolumeActionsApi(
    CinderPipeline pipeline,
    VolumeStore volumes,
    VolumeOutcomes outcomes,
    SnapshotStore snapshots,
    VolumeTypeStore types,
    PoolStore pools,
    QuotaLimitStore quotaLimits,
    WorkflowClients workflows,
    TimeProvider time,
    IOptions<ControlPlaneOptions> options,
    ILogger<VolumeActionsApi> logger)
{
    public Task<CinderResult> ActionAsync(HttpContext http, string projectId, string volumeId) => pipeline.RunAsync(http, projectId, async request =>
    {
        using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: request.CancellationToken);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 1)
        {
            throw new BadRequestException("Invalid input received: the body must name exactly one action.");
        }

        var action = root.EnumerateObject().Single();
        var volume = await GetAsync(request, volumeId);
        return action.Name switch
        {
            "os-extend" => await ExtendAsync(http, request, volume, action.Value),
            "os-reset_status" => await ResetStatusAsync(request, volume, action.Value),
            "os-force_delete" => await ForceDeleteAsync(http, request, volume),
            "os-set_bootable" => await SetBootableAsync(request, volume, action.Value),
            "os-update_readonly_flag" => await UpdateReadOnlyAsync(request, volume, action.Value),
            "os-reserve" => await MoveAsync(request, volume, VolumeStatus.Available, VolumeStatus.Attaching),
            "os-unreserve" => await MoveAsync(request, volume, VolumeStatus.Attaching, VolumeStatus.Available),
            // 3.40: reverting to a snapshot needs a driver operation BlockStore's drivers do not have; answered as a
            // Cinder whose policy denies it, so clients see the documented refusal rather than a missing action.
            "revert" when request.IsAtLeast(40) => throw new ForbiddenException("Policy doesn't allow volume:revert_to_snapshot to be performed."),
            "os-retype" => await RetypeAsync(request, volume, action.Value),
            // 3.68: re-imaging writes an image from the image service onto the volume, and BlockStore has none; a
            // well-formed request is answered as by a Cinder whose policy denies it (as revert), a malformed one is the 400
            // Cinder's schema gives first, and below 3.68 it is no action.
            "os-reimage" when request.IsAtLeast(68) => throw ReimageRefusal(action.Value),
            _ => throw new BadRequestException($"There is no such action: {action.Name}"),
        };
    });

    private static ForbiddenException ReimageRefusal(JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException("Invalid input received: os-reimage must be an object.");
        }

        // Cinder's schema: image_id a required uuid, reimage_reserved an optional boolean, nothing else.
        _ = RequestFields.OptionalUuid(arguments, "image_id") ?? throw new BadRequestException("Invalid input received: 'image_id' is a required property");
        _ = RequestFields.OptionalBool(arguments, "reimage_reserved");
        if (arguments.EnumerateObject().Select(property => property.Name).FirstOrDefault(name => name is not ("image_id" or "reimage_reserved")) is { } extra)
        {
            throw new BadRequestException($"Invalid input received: Additional properties are not allowed ('{extra}' was unexpected)");
        }

        return new ForbiddenException("Policy doesn't allow volume:reimage to be performed.");
    }

    private async Task<CinderResult> ExtendAsync(HttpContext http, RequestContext request, Volume volume, JsonElement arguments)
    {
        var newSize = ParseNewSize(arguments);
        var limits = await quotaLimits.GetAsync(volume.ProjectId, request.CancellationToken);
        var now = time.GetUtcNow();
        var extending = await volumes.ChangeAsync(volume.ProjectId, volume.Id, current =>
        {
            // 3.42: extending an attached volume needs the compute host to rescan, which BlockStore cannot ask for; answered
            // as a Cinder whose operator disabled it through this policy.
            if (current.Status == VolumeStatus.InUse && request.IsAtLeast(42))
            {
                throw new ForbiddenException("Policy doesn't allow volume:extend_attached_volume to be performed.");
            }

            if (current.Status != VolumeStatus.Available)
            {
                throw new InvalidStateException($"Invalid volume: Volume status must be 'available' to extend, currently {current.Status.ToWire()}.");
            }

            if (newSize <= current.SizeGib)
            {
                throw new BadRequestException(
                    $"Invalid input received: New size for extend must be greater than current size. (current: {current.SizeGib}, extended: {newSize}).");
            }

            var delta = newSize - current.SizeGib;
            return new VolumeChange(current.TransitionTo(VolumeStatus.Extending, now) with { FailureReason = null })
            {
                Gigabytes = usage =>
                {
                    VolumeQuota.EnsureExtendFits(limits, usage, newSize, delta);
                    return usage.Reserve(delta);
                },
                TypeQuota = current.VolumeTypeId is { } type
                    ? new Dictionary<string, Func<QuotaUsage, QuotaUsage>>
                    {
                        [QuotaResources.ForType(QuotaResources.Gigabytes, type)] = usage =>
                        {
                            VolumeQuota.EnsureTypeFits(limits, current.VolumeType, QuotaResources.Volumes, QuotaUsage.None, usage, 0, delta);
                            return usage.Reserve(delta);
                        },
                    }
                    : new Dictionary<string, Func<QuotaUsage, QuotaUsage>>(),
            };
        }, request.CancellationToken);

        var input = new ExtendVolumeInput(volume.ProjectId, volume.Id, extending!.Host, volume.SizeGib, newSize, options.Value.AgentTimeout);
        try
        {
            await workflows.For(http).StartAsync(WorkflowNames.ExtendVolume, WorkflowNames.ExtendInstanceId(volume.Id), input, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not start the extend of volume {VolumeId}", volume.Id);
            await outcomes.FinishExtendAsync(new FinishExtendInput(volume.ProjectId, volume.Id, volume.SizeGib, newSize, false, "The extend could not be started."), CancellationToken.None);
            throw;
        }

        return CinderResult.Empty(202);
    }

    /// <summary>
    /// os-retype without migration: allowed when the volume's own pool meets the new type (the scheduler's backend-name
    /// and capabilities filters, <see cref="RetypeCheck"/>). No driver work is needed, so the type changes in one
    /// compare-and-swap and <c>retyping</c> is never observable. Cinder answers 202 and fails later with a user
    /// message when no backend fits; here the answer is known at once, so it is a 400 (migration between backends
    /// is not built, so <c>on-demand</c> cannot help either).
    /// </summary>
    private async Task<CinderResult> RetypeAsync(RequestContext request, Volume volume, JsonElement arguments)
    {
        var (typeName, policy) = ParseRetype(arguments);
        var type = await types.FindAsync(typeName, request.CancellationToken) is { } found && found.IsVisibleTo(request.ProjectId, request.IsAdmin)
            ? found
            : throw new NotFoundException($"Volume type with name {typeName} could not be found.");
        EnsureRetypable(volume, type);
        if (type.Encryption is not null)
        {
            // No volume is encrypted (see VolumesApi), so this would change the encryption, which needs a migration.
            throw new BadRequestException($"Invalid input received: Volume {volume.Id} cannot be retyped to the encrypted type {type.Name}: changing encryption needs a migration, which is not supported.");
        }

        var pool = (await pools.ListAsync(request.CancellationToken)).FirstOrDefault(candidate => candidate.Name == volume.Host);
        if (RetypeCheck.Unmet(pool, type.ExtraSpecs) is { } unmet)
        {
            throw new BadRequestException(
                $"Invalid input received: Volume {volume.Id} cannot be retyped to {type.Name} on its backend {volume.Host ?? "(none)"}: {unmet}" +
                (policy == "never" ? " The migration policy is 'never'." : " Migration to another backend is not supported."));
        }

        var now = time.GetUtcNow();
        var limits = await quotaLimits.GetAsync(volume.ProjectId, request.CancellationToken);
        await volumes.ChangeAsync(volume.ProjectId, volume.Id, current =>
        {
            EnsureRetypable(current, type);

            // The project's volumes and gigabytes do not change; the volume's count and size move from its old type's
            // rows to the new type's, checked against the new type's limits (as Cinder reserves them), in the same
            // transaction as the type change.
            var moves = new Dictionary<string, Func<QuotaUsage, QuotaUsage>>
            {
                [QuotaResources.ForType(QuotaResources.Volumes, type.Id)] = usage =>
                {
                    VolumeQuota.EnsureTypeFits(limits, type.Name, QuotaResources.Volumes, usage, QuotaUsage.None, 1, 0);
                    return usage.Use(1);
                },
                [QuotaResources.ForType(QuotaResources.Gigabytes, type.Id)] = usage =>
                {
                    VolumeQuota.EnsureTypeFits(limits, type.Name, QuotaResources.Volumes, QuotaUsage.None, usage, 0, current.SizeGib);
                    return usage.Use(current.SizeGib);
                },
            };
            if (current.VolumeTypeId is { } old)
            {
                moves[QuotaResources.ForType(QuotaResources.Volumes, old)] = usage => usage.ReleaseInUse(1);
                moves[QuotaResources.ForType(QuotaResources.Gigabytes, old)] = usage => usage.ReleaseInUse(current.SizeGib);
            }

            return new VolumeChange(current with { VolumeType = type.Name, VolumeTypeId = type.Id, UpdatedAt = now }) { TypeQuota = moves };
        }, request.CancellationToken);
        logger.LogInformation("Retyped volume {VolumeId} from {OldType} to {NewType}", volume.Id, volume.VolumeType, type.Name);
        return CinderResult.Empty(202);
    }

    private static void EnsureRetypable(Volume volume, Core.Types.VolumeType type)
    {
        if (volume.Status is not (VolumeStatus.Available or VolumeStatus.InUse) || volume.VolumeTypeId == type.Id)
        {
            throw new InvalidStateException(
                "Invalid volume: Retype needs volume to be in available or in-use state, not be part of an active migration or a consistency group, " +
                "requested type has to be different that the one from the volume, and for in-use volumes front-end qos specs cannot change.");
        }
    }

    /// <summary>Cinder's schema for os-retype: <c>new_type</c> required, <c>migration_policy</c> never (default) or on-demand.</summary>
    private static (string NewType, string Policy) ParseRetype(JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object || !arguments.TryGetProperty("new_type", out var newType))
        {
            throw new BadRequestException($"Invalid input for field/attribute os-retype. Value: {arguments.GetRawText()}. 'new_type' is a required property");
        }

        if (newType.ValueKind != JsonValueKind.String || newType.GetString() is not { Length: > 0 and <= 255 } name)
        {
            throw new BadRequestException($"Invalid input for field/attribute new_type. Value: {newType.GetRawText()}. It must be a volume type name or id.");
        }

        var policy = "never";
        if (arguments.TryGetProperty("migration_policy", out var raw) && raw.ValueKind != JsonValueKind.Null)
        {
            policy = raw.ValueKind == JsonValueKind.String ? raw.GetString()! : raw.GetRawText();
            if (policy is not ("never" or "on-demand"))
            {
                throw new BadRequestException($"Invalid input for field/attribute migration_policy. Value: {policy}. '{policy}' is not one of ['on-demand', 'never', None]");
            }
        }

        return (name, policy);
    }

    private static readonly string[] AttachStatuses = ["attached", "detached"];
    private static readonly string[] MigrationStatuses = ["migrating", "error", "success", "completing", "none", "starting"];

    /// <summary>
    /// os-reset_status as Cinder's admin action: any of <c>status</c>, <c>attach_status</c> and <c>migration_status</c>,
    /// nothing else. BlockStore keeps no attachment records and never migrates, so a valid <c>attach_status</c> or
    /// <c>migration_status</c> is accepted and changes nothing, and <c>in-use</c> is not refused for lack of attachments.
    /// </summary>
    private async Task<CinderResult> ResetStatusAsync(RequestContext request, Volume volume, JsonElement arguments)
    {
        request.RequireAdmin("volume_extension:volume_admin_actions:reset_status");
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"Invalid input for field/attribute os-reset_status. Value: {arguments.GetRawText()}. {arguments.GetRawText()} is not of type 'object'");
        }

        RequestFields.RejectUnknown(arguments, "os-reset_status", ["status", "attach_status", "migration_status"]);

        var raw = RequestFields.OptionalString(arguments, "status");
        var attach = RequestFields.OptionalString(arguments, "attach_status");
        var migration = RequestFields.OptionalString(arguments, "migration_status");
        if (string.IsNullOrEmpty(raw) && string.IsNullOrEmpty(attach) && string.IsNullOrEmpty(migration))
        {
            throw new BadRequestException("Invalid input received: Must specify 'status', 'attach_status' or 'migration_status' for update.");
        }

        if (!string.IsNullOrEmpty(attach) && !AttachStatuses.Contains(attach.ToLowerInvariant()))
        {
            throw new BadRequestException($"Invalid input received: Volume attach status: {attach} is invalid, valid statuses are: ['attached', 'detached'].");
        }

        if (!string.IsNullOrEmpty(migration) && !MigrationStatuses.Contains(migration.ToLowerInvariant()))
        {
            throw new BadRequestException(
                $"Invalid input received: Volume migration status: {migration} is invalid, valid statuses are: ('migrating', 'error', 'success', 'completing', 'none', 'starting').");
        }

        if (string.IsNullOrEmpty(raw))
        {
            return CinderResult.Empty(202);
        }

        if (!VolumeStatusNames.TryParse(raw, out var status))
        {
            throw new BadRequestException($"Invalid input received: Must specify a valid status. (status {raw} is not one of Cinder's volume statuses)");
        }

        // Cinder refuses this one: a volume reset to deleting would wait for a delete nobody runs.
        if (status == VolumeStatus.Deleting)
        {
            throw new BadRequestException("Cannot reset-state to deleting");
        }

        var now = time.GetUtcNow();
        await volumes.ChangeAsync(volume.ProjectId, volume.Id, current => new VolumeChange(current.ForceStatus(status, now)), request.CancellationToken);
        logger.LogWarning("Admin reset volume {VolumeId} from {Old} to {New}", volume.Id, volume.Status.ToWire(), status.ToWire());
        return CinderResult.Empty(202);
    }

    private async Task<CinderResult> ForceDeleteAsync(HttpContext http, RequestContext request, Volume volume)
    {
        request.RequireAdmin("volume_extension:volume_admin_actions:force_delete");
        var now = time.GetUtcNow();
        var deleting = await volumes.ChangeAsync(volume.ProjectId, volume.Id, async current =>
        {
            var dependents = await snapshots.CountOfVolumeAsync(current.ProjectId, current.Id, request.CancellationToken);
            if (dependents > 0)
            {
                throw new InvalidStateException($"Invalid volume: Volume {current.Id} still has {dependents} dependent snapshots.");
            }

            return new VolumeChange(current.ForceStatus(VolumeStatus.Deleting, now) with { FailureReason = null });
        }, request.CancellationToken);

        var input = new DeleteVolumeInput(volume.ProjectId, volume.Id, deleting!.Host, options.Value.AgentTimeout);
        await workflows.For(http).StartAsync(WorkflowNames.DeleteVolume, WorkflowNames.DeleteInstanceId(volume.Id), input, CancellationToken.None);
        return CinderResult.Empty(202);
    }

    /// <summary>os-reserve / os-unreserve: one compare-and-swap from the status Cinder expects.</summary>
    private async Task<CinderResult> MoveAsync(RequestContext request, Volume volume, VolumeStatus from, VolumeStatus to)
    {
        var now = time.GetUtcNow();
        await volumes.ChangeAsync(volume.ProjectId, volume.Id, current => current.Status == from
            ? new VolumeChange(current.TransitionTo(to, now))
            : throw new InvalidStateException($"Invalid volume: Volume status must be {from.ToWire()}. (status is {current.Status.ToWire()})"), request.CancellationToken);
        return CinderResult.Empty(202);
    }

    private async Task<CinderResult> SetBootableAsync(RequestContext request, Volume volume, JsonElement arguments)
    {
        var bootable = (arguments.ValueKind == JsonValueKind.Object ? RequestFields.OptionalBool(arguments, "bootable") : null)
            ?? throw new BadRequestException("Invalid input received: Must specify bootable in request.");
        var now = time.GetUtcNow();
        await volumes.ChangeAsync(volume.ProjectId, volume.Id, current => new VolumeChange(current with { Bootable = bootable, UpdatedAt = now }), request.CancellationToken);
        return CinderResult.Empty(200);
    }

    private async Task<CinderResult> UpdateReadOnlyAsync(RequestContext request, Volume volume, JsonElement arguments)
    {
        var readOnly = (arguments.ValueKind == JsonValueKind.Object ? RequestFields.OptionalBool(arguments, "readonly") : null)
            ?? throw new BadRequestException("Invalid input received: Must specify readonly in request.");
        if (volume.Status is not (VolumeStatus.Available or VolumeStatus.InUse))
        {
            throw new InvalidStateException($"Invalid volume: Volume status must be available or in-use to update its read-only flag. (status is {volume.Status.ToWire()})");
        }

        var now = time.GetUtcNow();
        await volumes.ChangeAsync(volume.ProjectId, volume.Id, current => new VolumeChange(current with { ReadOnly = readOnly, UpdatedAt = now }), request.CancellationToken);
        return CinderResult.Empty(202);
    }

    private static int ParseNewSize(JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object || !arguments.TryGetProperty("new_size", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new BadRequestException("Invalid input for field/attribute new_size. Value: None. 'new_size' is a required property");
        }

        var raw = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)) ||
            (value.ValueKind == JsonValueKind.String && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out number))
            ? number >= 1 ? number : throw new BadRequestException($"Invalid input for field/attribute new_size. Value: {raw}. {raw} is less than the minimum of 1")
            : throw new BadRequestException($"Invalid input for field/attribute new_size. Value: {raw}. '{raw}' is not a valid integer size in GiB.");
    }

    private async Task<Volume> GetAsync(RequestContext request, string volumeId) =>
        Guid.TryParse(volumeId, out var id) && await volumes.FindForAsync(request, id) is { } volume
            ? volume
            : throw NotFoundException.Volume(volumeId);
}
