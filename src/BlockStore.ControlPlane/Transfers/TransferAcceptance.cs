using BlockStore.ControlPlane.Quotas;
using BlockStore.Core.Errors;
using BlockStore.Core.Transfers;
using Microsoft.Extensions.Logging;

namespace BlockStore.ControlPlane.Transfers;

/// <summary>
/// Accepting a transfer moves rows between two project partitions, which no single transaction covers. It is done as
/// claim → charge destination → move out of the source → move into the destination → mark accepted; the transfer row
/// records how far it got, every step is idempotent, and <see cref="ContinueAsync"/> resumes from whatever step a
/// crash interrupted (a retried accept or a delete of the transfer calls it). See docs/architecture.md.
/// </summary>
public sealed class TransferAcceptance(TransferStore transfers, QuotaLimitStore quotaLimits, TimeProvider time, ILogger<TransferAcceptance> logger)
{
    public async Task<VolumeTransfer> AcceptAsync(VolumeTransfer transfer, string authKey, string projectId, string userId, CancellationToken cancellationToken)
    {
        var claimed = await transfers.ClaimAsync(transfer, authKey, projectId, userId, cancellationToken);
        logger.LogInformation("Transfer {TransferId} of volume {VolumeId} claimed by project {ProjectId} ({State})", claimed.Id, claimed.VolumeId, projectId, claimed.State);

        // Past the claim, a client that goes away must not leave the move half-way: the steps run to the end.
        return await ContinueAsync(claimed, CancellationToken.None);
    }

    /// <summary>Drives a claimed or moved transfer to accepted (or, over quota or stale, back to offered with nothing charged).</summary>
    public async Task<VolumeTransfer> ContinueAsync(VolumeTransfer transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var current = transfer;
        if (current.State == TransferState.Claimed)
        {
            var limits = await quotaLimits.GetAsync(current.DestinationProjectId!, cancellationToken);
            try
            {
                await transfers.ChargeDestinationAsync(current, limits, cancellationToken);
            }
            catch (OverQuotaException)
            {
                await transfers.UnclaimAsync(current, cancellationToken);
                throw;
            }

            try
            {
                current = await transfers.MoveOutAsync(current, time.GetUtcNow(), cancellationToken);
            }
            catch (StaleClaimException ex)
            {
                logger.LogWarning("Transfer {TransferId}: claim {ClaimId} is stale ({Reason}); releasing its charge", current.Id, current.ClaimId, ex.Message);
                await transfers.ReleaseDestinationAsync(current.Id, current.DestinationProjectId!, current.ClaimId, cancellationToken);
                await transfers.UnclaimAsync(current, cancellationToken);
                throw ex.Answer;
            }
        }

        if (current.State == TransferState.Moved)
        {
            await transfers.MoveInAsync(current, cancellationToken);
            current = await transfers.MarkAcceptedAsync(current, cancellationToken);
            logger.LogInformation("Transfer {TransferId}: volume {VolumeId} moved from project {Source} to project {Destination}",
                current.Id, current.VolumeId, current.SourceProjectId, current.DestinationProjectId);
        }

        return current;
    }
}
