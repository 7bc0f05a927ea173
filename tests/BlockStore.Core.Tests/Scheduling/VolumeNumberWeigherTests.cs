using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class VolumeNumberWeigherTests
{
    [Fact]
    public void Multiplier_Default_IsMinusOneSoTheFewestVolumesWin()
    {
        Assert.Equal(-1.0, new VolumeNumberWeigher().Multiplier);
    }

    [Theory]
    [InlineData(-1.0, "b@x")]
    [InlineData(1.0, "a@x")]
    public void Place_ByVolumeCount_MultiplierSignChoosesSpreadOrStack(double multiplier, string expected)
    {
        PoolStats[] pools = [Pool("a@x", totalVolumes: 30), Pool("b@x", totalVolumes: 3)];

        var result = new FilterScheduler([], [new VolumeNumberWeigher(multiplier)]).Place(pools, Request());

        Assert.Equal(expected, result.Pool?.BackendHost);
    }
}
