namespace BlockStore.Core.Scheduling;

/// <summary>
/// Gives every pool a random weight in [0, 1) (Cinder's ChanceWeigher), to spread volumes over equally good pools.
/// The source of randomness is passed in so that a seeded run places the same way every time. Not thread-safe when
/// given a <see cref="Random"/>: share <see cref="Random.Shared"/> or give each scheduler its own.
/// </summary>
public sealed class ChanceWeigher : IPoolWeigher
{
    private readonly Func<double> next;

    public ChanceWeigher(Func<double> next, double multiplier = 1.0)
    {
        ArgumentNullException.ThrowIfNull(next);
        this.next = next;
        Multiplier = multiplier;
    }

    public ChanceWeigher(Random random, double multiplier = 1.0)
        : this((random ?? throw new ArgumentNullException(nameof(random))).NextDouble, multiplier)
    {
    }

    public double Multiplier { get; }

    public double Weigh(PoolStats pool, PlacementRequest request) => next();
}
