namespace BlockStore.Core.Scheduling;

/// <summary>Why <see cref="CapacityFilter"/> passed or rejected one pool, so the failure message can say it.</summary>
internal enum CapacityVerdict
{
    Passes,
    NotEnoughSpace,
    NoTotalCapacity,
    ReserveOfUnknownTotal,
    InvalidOverSubscriptionRatio,
}
