namespace BlockStore.Core.Scheduling;

/// <summary>One of the scheduler's weighers: a raw weight, normalised to 0–1 across the candidates by the scheduler.</summary>
public interface IPoolWeigher
{
    double Multiplier { get; }

    double Weigh(PoolStats pool, PlacementRequest request);
}
