using BlockStore.ControlPlane.Transfers;
using BlockStore.ControlPlane.Volumes;
using BlockStore.Core.Errors;
using BlockStore.Core.Quotas;
using BlockStore.Core.Transfers;
using BlockStore.Core.Volumes;
using BlockStore.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlockStore.ControlPlane.Tests.Transfers;

/// <summary>
/// The accept's five steps against a real Table store (Azurite): a crash after any step, simulated by running the
/// steps up to it by hand, is resumed by repeating the accept, and ends with one volume and the quota moved once.
/// </summary>
public sealed class TransferAcceptanceTests(TransferStoreFixture fixture) : IClassFixture<TransferStoreFixture>
{
    private const string AuthKey = "0123456789abcdef";

    private TransferStore Transfers => fixture.Services.GetRequiredService<TransferStore>();

    private TransferAcceptance Acceptance => fixture.Services.GetRequiredService<TransferAcceptance>();

    private VolumeStore Volumes => fixture.Services.GetRequiredService<VolumeStore>();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Accept_InterruptedAfterAStep_RepeatedAcceptFinishesWithOneVolumeAndTheQuotaMovedOnce(int completedSteps)
    {
        var (source, destination) = (NewProject(), NewProject());
        var transfer = await OfferAsync(source, sizeGib: 3);

        await RunStepsAsync(transfer, destination, completedSteps);
        var accepted = await Acceptance.AcceptAsync(transfer, AuthKey, destination, "user-b", CancellationToken.None);

        Assert.Equal(TransferState.Accepted, accepted.State);
        await AssertMovedAsync(transfer.VolumeId, source, destination, sizeGib: 3);
    }

    [Fact]
    public async Task Accept_ConcurrentAcceptsOfOneProject_MoveTheVolumeOnce()
    {
        var (source, destination) = (NewProject(), NewProject());
        var transfer = await OfferAsync(source, sizeGib: 2);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            try
            {
                return (await Acceptance.AcceptAsync(transfer, AuthKey, destination, "user-b", CancellationToken.None)).State.ToString();
            }
            catch (NotFoundException)
            {
                return "gone";
            }
        }));

        Assert.Contains(nameof(TransferState.Accepted), outcomes);
        Assert.All(outcomes, outcome => Assert.True(outcome is nameof(TransferState.Accepted) or "gone", outcome));
        await AssertMovedAsync(transfer.VolumeId, source, destination, sizeGib: 2);
    }

    /// <summary>
    /// A concurrent retry of the same claim that still holds the claim as it read it before another runner moved the
    /// volume in (4 steps) or finished (5): it must not charge the destination a second time, nor fail.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Continue_LaggingRunnerOfTheSameClaim_FinishesWithTheQuotaChargedOnce(bool otherRunnerFinished)
    {
        var (source, destination) = (NewProject(), NewProject());
        var transfer = await OfferAsync(source, sizeGib: 5);
        var claimed = await Transfers.ClaimAsync(transfer, AuthKey, destination, "user-b", CancellationToken.None);
        await Transfers.ChargeDestinationAsync(claimed, new QuotaLimits(), CancellationToken.None);
        var moved = await Transfers.MoveOutAsync(claimed, DateTimeOffset.UtcNow, CancellationToken.None);
        await Transfers.MoveInAsync(moved, CancellationToken.None);
        if (otherRunnerFinished)
        {
            await Transfers.MarkAcceptedAsync(moved, CancellationToken.None);
        }

        var lagging = await Acceptance.ContinueAsync(claimed, CancellationToken.None);

        Assert.Equal(TransferState.Accepted, lagging.State);
        await AssertMovedAsync(transfer.VolumeId, source, destination, sizeGib: 5);
    }

    [Fact]
    public async Task Accept_ClaimWithdrawnAfterTheCharge_ReleasesTheChargeAndLeavesTheVolumeOffered()
    {
        var (source, destination) = (NewProject(), NewProject());
        var transfer = await OfferAsync(source, sizeGib: 4);
        var claimed = await Transfers.ClaimAsync(transfer, AuthKey, destination, "user-b", CancellationToken.None);
        await Transfers.ChargeDestinationAsync(claimed, new QuotaLimits(), CancellationToken.None);
        // What another runner of the same claim does when it finds the destination over quota.
        await Transfers.UnclaimAsync(claimed, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidStateException>(() => Acceptance.ContinueAsync(claimed, CancellationToken.None));

        Assert.Equal(VolumeStatus.AwaitingTransfer, (await Volumes.FindAsync(source, transfer.VolumeId, CancellationToken.None))!.Status);
        Assert.Equal(0, (await Volumes.GetQuotaUsageAsync(destination, CancellationToken.None)).Gigabytes.Consumed);
        Assert.Equal(4, (await Volumes.GetQuotaUsageAsync(source, CancellationToken.None)).Gigabytes.Consumed);
        Assert.Equal(TransferState.Offered, (await Transfers.FindAsync(source, transfer.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task Accept_OverTheDestinationsQuota_ChangesNothingAndCanBeRetried()
    {
        var (source, destination) = (NewProject(), NewProject());
        var transfer = await OfferAsync(source, sizeGib: 5);
        var claimed = await Transfers.ClaimAsync(transfer, AuthKey, destination, "user-b", CancellationToken.None);

        await Assert.ThrowsAsync<OverQuotaException>(() => Transfers.ChargeDestinationAsync(claimed, new QuotaLimits { Gigabytes = 4 }, CancellationToken.None));
        await Transfers.UnclaimAsync(claimed, CancellationToken.None);
        var accepted = await Acceptance.AcceptAsync(transfer, AuthKey, destination, "user-b", CancellationToken.None);

        Assert.Equal(TransferState.Accepted, accepted.State);
        await AssertMovedAsync(transfer.VolumeId, source, destination, sizeGib: 5);
    }

    private async Task RunStepsAsync(VolumeTransfer transfer, string destination, int steps)
    {
        var current = await Transfers.ClaimAsync(transfer, AuthKey, destination, "user-b", CancellationToken.None);
        if (steps >= 2)
        {
            await Transfers.ChargeDestinationAsync(current, new QuotaLimits(), CancellationToken.None);
        }

        if (steps >= 3)
        {
            current = await Transfers.MoveOutAsync(current, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        if (steps >= 4)
        {
            await Transfers.MoveInAsync(current, CancellationToken.None);
        }
    }

    private async Task AssertMovedAsync(Guid volumeId, string source, string destination, int sizeGib)
    {
        var moved = await Volumes.FindAsync(destination, volumeId, CancellationToken.None);
        Assert.NotNull(moved);
        Assert.Equal(VolumeStatus.Available, moved.Status);
        Assert.Equal("user-b", moved.UserId);
        Assert.Null(await Volumes.FindAsync(source, volumeId, CancellationToken.None));
        var (sourceVolumes, sourceGigabytes) = await Volumes.GetQuotaUsageAsync(source, CancellationToken.None);
        var (destinationVolumes, destinationGigabytes) = await Volumes.GetQuotaUsageAsync(destination, CancellationToken.None);
        Assert.Equal((0, 0), (sourceVolumes.Consumed, sourceGigabytes.Consumed));
        Assert.Equal((1, sizeGib), (destinationVolumes.Consumed, destinationGigabytes.Consumed));
        Assert.Single(await Volumes.ListAsync(destination, CancellationToken.None));
    }

    /// <summary>An available volume with its quota committed, offered with <see cref="AuthKey"/>.</summary>
    private async Task<VolumeTransfer> OfferAsync(string projectId, int sizeGib)
    {
        var volume = new Volume
        {
            Id = Guid.NewGuid(),
            ProjectId = projectId,
            UserId = "user-a",
            SizeGib = sizeGib,
            Status = VolumeStatus.Creating,
            AvailabilityZone = "nova",
            QuotaHold = QuotaHold.Reserved,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await Volumes.CreateAsync(volume, new QuotaLimits(), CancellationToken.None);
        await Volumes.ChangeAsync(projectId, volume.Id, current => new VolumeChange(current.TransitionTo(VolumeStatus.Available, DateTimeOffset.UtcNow) with { QuotaHold = QuotaHold.Committed })
        {
            Volumes = usage => usage.Commit(1),
            Gigabytes = usage => usage.Commit(sizeGib),
        }, CancellationToken.None);
        var salt = TransferAuthKeys.NewSalt();
        var transfer = new VolumeTransfer
        {
            Id = Guid.NewGuid(),
            VolumeId = volume.Id,
            SourceProjectId = projectId,
            Salt = salt,
            CryptHash = TransferAuthKeys.Hash(salt, AuthKey),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await Transfers.CreateAsync(transfer, (_, _) => { }, DateTimeOffset.UtcNow, CancellationToken.None);
        return transfer;
    }

    private static string NewProject() => Guid.NewGuid().ToString("N");
}
