namespace BlockStore.Core.Volumes;

/// <summary>How a volume counts against its project's quota; makes every quota change happen once.</summary>
public enum QuotaHold
{
    /// <summary>Reserved by the API when the create was accepted.</summary>
    Reserved,

    /// <summary>The create succeeded: the volume is in use.</summary>
    Committed,

    /// <summary>The create failed or the volume was deleted: nothing is counted.</summary>
    Released,
}
