using BlockStore.Core.Quotas;

namespace BlockStore.ControlPlane;

/// <summary>Settings shared by both hosts (section <c>BlockStore</c>).</summary>
public sealed class ControlPlaneOptions
{
    public const string Section = "BlockStore";

    /// <summary>Tables and queues by connection string; Azurite's development account by default. Ignored when <see cref="StorageAccountName"/> is set.</summary>
    public string StorageConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>In Azure: the storage account, reached with a managed identity (shared keys are off there).</summary>
    public string? StorageAccountName { get; set; }

    /// <summary>The client id of the user-assigned identity to use; null uses the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix of every table BlockStore creates, so several deployments can share an account.</summary>
    public string TablePrefix { get; set; } = "BlockStore";

    /// <summary>How long an operation waits for an agent's reply before it fails.</summary>
    public TimeSpan AgentTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A pool whose last capacity report is older than this gets no new volumes.</summary>
    public TimeSpan StaleReportAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Cinder's <c>default_availability_zone</c>: where a volume goes when the request names none.</summary>
    public string DefaultAvailabilityZone { get; set; } = "nova";

    /// <summary>Default limits for every project (Cinder's defaults).</summary>
    public QuotaLimits Quotas { get; set; } = new();
}
