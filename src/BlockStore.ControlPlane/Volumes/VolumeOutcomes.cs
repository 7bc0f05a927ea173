using BlockStore.ControlPlane.Messages;
using BlockStore.ControlPlane.Telemetry;
using BlockStore.ControlPlane.Workflows;
using BlockStore.Core.Errors;
using BlockStore.Core.Telemetry;
using BlockStore.Core.Volumes;

namespace BlockStore.ControlPlane.Volumes;

/// <summary>
/// How operations end, as state changes: each commits or releases quota together with the status, and each is
/// idempotent (a volume that has already left the operation's status is left alone), so activities may repeat.
/// </summary>
public sealed class VolumeOutcomes(VolumeStore volumes, Groups.GroupStore groups, TimeProvider time)
{
    /// <summary><c>available</c> with the quota committed, or <c>error</c> with the quota released and the reason kept.</summary>
    public async Task<string> FinishCreateAsync(FinishCreateInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var activity = Tracing.StartFrom(ControlPlaneTelemetry.Source, "finish create", input.TraceParent);
        var now = time.GetUtcNow();
        var createdAt = (DateTimeOffset?)null;
        var after = await volumes.ChangeAsync(input.ProjectId, input.VolumeId, volume =>
        {
            if (volume.Status != VolumeStatus.Creating)
            {
                return null;
            }

            createdAt = volume.CreatedAt;
            if (input.Succeeded)
            {
                return new VolumeChange(volume.TransitionTo(VolumeStatus.Available, now) with
                {
                    Host = input.Host,
                    ProviderLocation = input.ProviderLocation,
                    QuotaHold = QuotaHold.Committed,
                })
                {
                    Volumes = usage => usage.Commit(1),
                    Gigabytes = usage => usage.Commit(volume.SizeGib),
                };
            }

            var reason = input.FailureReason ?? "The volume could not be created.";
            return new VolumeChange(volume.TransitionTo(VolumeStatus.Error, now) with
            {
                Host = input.Host,
                FailureReason = reason,
                QuotaHold = QuotaHold.Released,
            })
            {
                Volumes = usage => usage.ReleaseReservation(1),
                Gigabytes = usage => usage.ReleaseReservation(volume.SizeGib),
                Message = MessageEntities.Failure(volume.ProjectId, "VOLUME", volume.Id,
                    input.Host is null ? MessageActions.ScheduleAllocateVolume : MessageActions.CreateVolumeFromBackend, reason, now),
            };
        }, cancellationToken);
        if (createdAt is { } started)
        {
            ControlPlaneTelemetry.RecordOperation("create_volume", input.Succeeded, now - started);
        }

        // A member of a group created from a source: the group follows its members.
        if (after?.GroupId is { } groupId)
        {
            await groups.FollowMembersAsync(input.ProjectId, groupId, cancellationToken);
        }

        var status = after!.Status.ToWire();
        activity?.SetTag("blockstore.outcome", status);
        return status;
    }

    /// <summary>The row removed with whatever quota it still held, or <c>error_deleting</c> with the reason.</summary>
    public async Task<string> FinishDeleteAsync(FinishDeleteInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        try
        {
            var after = await volumes.ChangeAsync(input.ProjectId, input.VolumeId, volume =>
            {
                if (volume.Status != VolumeStatus.Deleting)
                {
                    return null;
                }

                if (!input.Succeeded)
                {
                    return new VolumeChange(volume.TransitionTo(VolumeStatus.ErrorDeleting, now) with { FailureReason = input.FailureReason })
                    {
                        Message = MessageEntities.Failure(volume.ProjectId, "VOLUME", volume.Id, MessageActions.DeleteVolume,
                            input.FailureReason ?? "The volume could not be deleted.", now),
                    };
                }

                return volume.QuotaHold switch
                {
                    QuotaHold.Committed => new VolumeChange(null)
                    {
                        Volumes = usage => usage.ReleaseInUse(1),
                        Gigabytes = usage => usage.ReleaseInUse(volume.SizeGib),
                    },
                    QuotaHold.Reserved => new VolumeChange(null)
                    {
                        Volumes = usage => usage.ReleaseReservation(1),
                        Gigabytes = usage => usage.ReleaseReservation(volume.SizeGib),
                    },
                    _ => new VolumeChange(null),
                };
            }, cancellationToken);
            return after?.Status.ToWire() ?? "deleted";
        }
        catch (NotFoundException)
        {
            return "deleted";
        }
    }

    /// <summary>
    /// <c>available</c> at the new size with the extra gigabytes committed, or <c>error_extending</c> at the old size
    /// with them released. Idempotent: acts only while the volume is <c>extending</c>.
    /// </summary>
    public async Task<string> FinishExtendAsync(FinishExtendInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        var delta = input.NewSizeGib - input.OldSizeGib;
        var after = await volumes.ChangeAsync(input.ProjectId, input.VolumeId, volume =>
        {
            if (volume.Status != VolumeStatus.Extending)
            {
                return null;
            }

            return input.Succeeded
                ? new VolumeChange(volume.TransitionTo(VolumeStatus.Available, now) with { SizeGib = input.NewSizeGib })
                {
                    Gigabytes = usage => usage.Commit(delta),
                }
                : new VolumeChange(volume.TransitionTo(VolumeStatus.ErrorExtending, now) with { FailureReason = input.FailureReason ?? "The volume could not be extended." })
                {
                    Gigabytes = usage => usage.ReleaseReservation(delta),
                    Message = MessageEntities.Failure(volume.ProjectId, "VOLUME", volume.Id, MessageActions.ExtendVolume,
                        input.FailureReason ?? "The volume could not be extended.", now),
                };
        }, cancellationToken);
        return after!.Status.ToWire();
    }
}
