using BlockStore.Core.Errors;
using BlockStore.Core.Volumes;

namespace BlockStore.Core.Tests.Transfers;

public sealed class TransferTransitionsTests
{
    private static Volume VolumeIn(VolumeStatus status) => new()
    {
        Id = Guid.Parse("4f3c2b1a-0000-4000-8000-000000000002"),
        ProjectId = "project-a",
        UserId = "user-a",
        SizeGib = 1,
        Status = status,
        AvailabilityZone = "nova",
        QuotaHold = QuotaHold.Committed,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void TransitionTo_AwaitingTransferAndBack_IsAllowedFromAvailable()
    {
        var offered = VolumeIn(VolumeStatus.Available).TransitionTo(VolumeStatus.AwaitingTransfer, DateTimeOffset.UtcNow);

        Assert.Equal(VolumeStatus.Available, offered.TransitionTo(VolumeStatus.Available, DateTimeOffset.UtcNow).Status);
    }

    [Theory]
    [InlineData(VolumeStatus.Deleting)]
    [InlineData(VolumeStatus.Extending)]
    [InlineData(VolumeStatus.Attaching)]
    public void TransitionTo_AnyOtherOperationWhileAwaitingTransfer_IsInvalidVolume(VolumeStatus next)
    {
        var error = Assert.Throws<InvalidStateException>(() => VolumeIn(VolumeStatus.AwaitingTransfer).TransitionTo(next, DateTimeOffset.UtcNow));

        Assert.StartsWith("Invalid volume:", error.Message, StringComparison.Ordinal);
    }
}
