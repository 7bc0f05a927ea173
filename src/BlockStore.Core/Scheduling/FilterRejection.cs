namespace BlockStore.Core.Scheduling;

/// <summary>How many pools one filter turned away and why, in the user's terms.</summary>
public sealed record FilterRejection(string FilterName, int PoolCount, string Reason)
{
    public override string ToString() => $"{FilterName} rejected {PoolCount} pool(s): {Reason}.";
}
