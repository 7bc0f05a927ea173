using BlockStore.Core.Volumes;

namespace BlockStore.Core.Tests.Volumes;

public sealed class VolumeStatusNamesTests
{
    public static TheoryData<VolumeStatus> AllStatuses() => [.. Enum.GetValues<VolumeStatus>()];

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void ToWire_EveryStatus_HasANonEmptyLowercaseName(VolumeStatus status)
    {
        var wire = status.ToWire();

        Assert.False(string.IsNullOrWhiteSpace(wire));
        Assert.Equal(wire.ToLowerInvariant(), wire);
    }

    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void TryParse_WireNameOfEveryStatus_RoundTrips(VolumeStatus status)
    {
        Assert.True(VolumeStatusNames.TryParse(status.ToWire(), out var parsed));
        Assert.Equal(status, parsed);
    }

    [Fact]
    public void ToWire_AllStatuses_NamesAreDistinct()
    {
        var names = Enum.GetValues<VolumeStatus>().Select(s => s.ToWire()).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(VolumeStatus.InUse, "in-use")]
    [InlineData(VolumeStatus.ErrorDeleting, "error_deleting")]
    [InlineData(VolumeStatus.Available, "available")]
    [InlineData(VolumeStatus.Creating, "creating")]
    [InlineData(VolumeStatus.ErrorBackingUp, "error_backing-up")]
    [InlineData(VolumeStatus.AwaitingTransfer, "awaiting-transfer")]
    public void ToWire_Status_IsCindersExactString(VolumeStatus status, string expected)
    {
        Assert.Equal(expected, status.ToWire());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("in_use")]
    [InlineData("deleted")]
    public void TryParse_UnknownName_ReturnsFalse(string? wire)
    {
        Assert.False(VolumeStatusNames.TryParse(wire, out _));
    }
}
