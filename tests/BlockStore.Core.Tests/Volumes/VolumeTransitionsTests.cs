using BlockStore.Core.Errors;
using BlockStore.Core.Volumes;

namespace BlockStore.Core.Tests.Volumes;

public sealed class VolumeTransitionsTests
{
    private static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Created.AddMinutes(5);

    private static Volume VolumeIn(VolumeStatus status) => new()
    {
        Id = Guid.Parse("4f3c2b1a-0000-4000-8000-000000000001"),
        ProjectId = "project-a",
        UserId = "user-a",
        SizeGib = 1,
        Status = status,
        AvailabilityZone = "nova",
        QuotaHold = QuotaHold.Reserved,
        CreatedAt = Created,
    };

    [Theory]
    [InlineData(VolumeStatus.Available)]
    [InlineData(VolumeStatus.Error)]
    public void TransitionTo_FromCreatingToOutcome_IsAllowedAndSetsStatus(VolumeStatus outcome)
    {
        var moved = VolumeIn(VolumeStatus.Creating).TransitionTo(outcome, Later);

        Assert.Equal(outcome, moved.Status);
    }

    [Theory]
    [InlineData(VolumeStatus.Available)]
    [InlineData(VolumeStatus.Error)]
    [InlineData(VolumeStatus.ErrorDeleting)]
    public void TransitionTo_DeletingFromDeletableStatus_IsAllowed(VolumeStatus from)
    {
        var moved = VolumeIn(from).TransitionTo(VolumeStatus.Deleting, Later);

        Assert.Equal(VolumeStatus.Deleting, moved.Status);
    }

    [Theory]
    [InlineData(VolumeStatus.Creating)]
    [InlineData(VolumeStatus.Deleting)]
    public void TransitionTo_DeletingFromCreatingOrDeleting_ThrowsInvalidVolume400(VolumeStatus from)
    {
        var volume = VolumeIn(from);

        var error = Assert.Throws<InvalidStateException>(() => volume.TransitionTo(VolumeStatus.Deleting, Later));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("badRequest", error.FaultName);
        Assert.StartsWith("Invalid volume:", error.Message, StringComparison.Ordinal);
        Assert.Contains(volume.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(from.ToWire(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransitionTo_AvailableBackToCreating_Throws()
    {
        var volume = VolumeIn(VolumeStatus.Available);

        Assert.Throws<InvalidStateException>(() => volume.TransitionTo(VolumeStatus.Creating, Later));
    }

    [Fact]
    public void TransitionTo_AllowedMove_SetsUpdatedAtAndKeepsCreatedAt()
    {
        var volume = VolumeIn(VolumeStatus.Creating);
        Assert.Null(volume.UpdatedAt);

        var moved = volume.TransitionTo(VolumeStatus.Available, Later);

        Assert.Equal(Later, moved.UpdatedAt);
        Assert.Equal(Created, moved.CreatedAt);
    }

    [Fact]
    public void TransitionTo_AllowedMove_LeavesTheOriginalRecordUnchanged()
    {
        var volume = VolumeIn(VolumeStatus.Creating);

        _ = volume.TransitionTo(VolumeStatus.Available, Later);

        Assert.Equal(VolumeStatus.Creating, volume.Status);
        Assert.Null(volume.UpdatedAt);
    }

    [Fact]
    public void IsAllowed_DeletingToErrorDeleting_IsAllowedSoAFailedDeleteIsVisible()
    {
        Assert.True(VolumeTransitions.IsAllowed(VolumeStatus.Deleting, VolumeStatus.ErrorDeleting));
    }
}
