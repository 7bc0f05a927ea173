using BlockStore.Core.Scheduling;
using static BlockStore.Core.Tests.Scheduling.Pools;

namespace BlockStore.Core.Tests.Scheduling;

public sealed class ChanceWeigherTests
{
    private static readonly PoolStats[] Equal = [Pool("a@x"), Pool("b@x"), Pool("c@x"), Pool("d@x")];

    [Fact]
    public void Place_SameSeed_PlacesTheSameEveryTime()
    {
        string? Run(int seed) => new FilterScheduler([], [new ChanceWeigher(new Random(seed))]).Place(Equal, Request()).Pool?.Name;

        Assert.Equal(Run(7), Run(7));
    }

    [Fact]
    public void Place_InjectedSequence_PicksThePoolDrawnHighest()
    {
        var draws = new Queue<double>([0.1, 0.9, 0.3, 0.2]);

        var result = new FilterScheduler([], [new ChanceWeigher(draws.Dequeue)]).Place(Equal, Request());

        Assert.Equal("b@x#pool", result.Pool?.Name);
    }

    [Fact]
    public void Place_ManySeeds_SpreadsOverEveryPool()
    {
        var chosen = Enumerable.Range(0, 200)
            .Select(seed => new FilterScheduler([], [new ChanceWeigher(new Random(seed))]).Place(Equal, Request()).Pool!.Name)
            .ToHashSet();

        Assert.Equal(Equal.Length, chosen.Count);
    }

    [Fact]
    public void Place_ChanceBesideStrongerCapacityWeigher_OnlyBreaksNearTies()
    {
        // Chance at 0.1 adds at most 0.1 to a normalised weight: it cannot outvote a pool with much more space.
        PoolStats[] pools = [Pool("a@x", freeGib: 10), Pool("b@x", freeGib: 90)];
        var draws = new Queue<double>([0.99, 0.0]);
        var scheduler = new FilterScheduler([], [new CapacityWeigher(), new ChanceWeigher(draws.Dequeue, multiplier: 0.1)]);

        Assert.Equal("b@x", scheduler.Place(pools, Request()).Pool?.BackendHost);
    }
}
