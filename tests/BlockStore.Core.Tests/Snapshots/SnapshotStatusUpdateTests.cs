using System.Text.Json;
using BlockStore.Core.Errors;
using BlockStore.Core.Snapshots;

namespace BlockStore.Core.Tests.Snapshots;

public sealed class SnapshotStatusUpdateTests
{
    private static (string Status, string? Progress) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return SnapshotStatusUpdate.Parse(document.RootElement);
    }

    [Fact]
    public void Parse_TempestBody_KeepsStatusAndProgress()
    {
        Assert.Equal(("error", "80%"), Parse("""{"status": "error", "progress": "80%"}"""));
    }

    [Theory]
    [InlineData("""{"status": "error", "progress": "80"}""", "progress must be an integer percentage between 0 and 100")]
    [InlineData("""{"status": "error", "progress": "101%"}""", "progress must be an integer percentage between 0 and 100")]
    [InlineData("""{"status": "error", "progress": "much%"}""", "progress must be an integer percentage")]
    [InlineData("""{"progress": "10%"}""", "'status' is a required property")]
    [InlineData("""{"status": "error", "size": 1}""", "Additional properties are not allowed ('size' was unexpected)")]
    public void Parse_InvalidBody_Is400(string json, string reason)
    {
        Assert.Contains(reason, Assert.Throws<BadRequestException>(() => Parse(json)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SnapshotStatus.Creating, "available", SnapshotStatus.Available)]
    [InlineData(SnapshotStatus.Creating, "error", SnapshotStatus.Error)]
    [InlineData(SnapshotStatus.Deleting, "error_deleting", SnapshotStatus.ErrorDeleting)]
    public void For_AllowedChange_GivesTheNewStatus(SnapshotStatus current, string requested, SnapshotStatus expected)
    {
        Assert.Equal(new SnapshotStatusUpdate(expected, "80%"), SnapshotStatusUpdate.For(current, requested, "80%"));
    }

    [Fact]
    public void For_AvailableSnapshot_Is400WithCindersWording()
    {
        var error = Assert.Throws<BadRequestException>(() => SnapshotStatusUpdate.For(SnapshotStatus.Available, "error", null));

        Assert.Equal("Snapshot status available not allowed for update_snapshot_status", error.Message);
    }

    [Fact]
    public void For_CreatingToDeleting_Is400WithCindersWording()
    {
        var error = Assert.Throws<BadRequestException>(() => SnapshotStatusUpdate.For(SnapshotStatus.Creating, "deleting", null));

        Assert.Equal("Provided snapshot status deleting not allowed for snapshot with status creating.", error.Message);
    }
}
