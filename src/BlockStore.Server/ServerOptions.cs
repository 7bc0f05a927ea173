namespace BlockStore.Server;

/// <summary>Settings of the standalone host only (section <c>Server</c>).</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>The Durable Task hub: its queues, tables and blobs share this name in the storage account.</summary>
    public string TaskHub { get; set; } = "blockstore";

    /// <summary>
    /// Upper bound of the runtime's queue polling when idle. The API and the worker share one orchestration
    /// service in this process, so new work wakes the worker at once; this only bounds the idle cost (~5 requests/s at 1 s).
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Partitions of the task hub's control queues (the Durable Task default is 4).</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>noauth answers everyone as an admin: refused on a non-loopback address unless this is set.</summary>
    public bool AllowNoAuthOnNetwork { get; set; }
}
