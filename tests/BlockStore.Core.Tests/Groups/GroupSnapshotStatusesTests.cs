using BlockStore.Core.Groups;
using BlockStore.Core.Snapshots;

namespace BlockStore.Core.Tests.Groups;

public sealed class GroupSnapshotStatusesTests
{
    [Theory]
    [InlineData(new[] { SnapshotStatus.Available, SnapshotStatus.Available }, "available")]
    [InlineData(new[] { SnapshotStatus.Available, SnapshotStatus.Creating }, "creating")]
    [InlineData(new[] { SnapshotStatus.Creating, SnapshotStatus.Error }, "error")]
    public void AfterCreate_MemberStatuses_DecideTheGroupSnapshot(SnapshotStatus[] members, string expected) =>
        Assert.Equal(expected, GroupSnapshotStatuses.AfterCreate(members));
}
