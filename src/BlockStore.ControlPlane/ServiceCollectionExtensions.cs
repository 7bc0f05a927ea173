using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Auth;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.ControlPlane.Messages;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Qos;
using BlockStore.ControlPlane.Quotas;
using BlockStore.ControlPlane.Services;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Transfers;
using BlockStore.ControlPlane.Types;
using BlockStore.ControlPlane.Volumes;
using BlockStore.ControlPlane.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BlockStore.ControlPlane;

/// <summary>Registers the control plane's services; each host adds its <see cref="IWorkflowClient"/> and runtime.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddBlockStoreControlPlane(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ControlPlaneOptions>().Bind(configuration.GetSection(ControlPlaneOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StorageClients>();
        services.AddSingleton<TableSet>();
        services.AddSingleton<ProjectRows>();
        services.AddSingleton<VolumeStore>();
        services.AddSingleton<VolumeOutcomes>();
        services.AddSingleton<VolumeDeletion>();
        services.AddSingleton<PoolStore>();
        AddCommandTransport(services, configuration);
        services.AddSingleton<WorkflowClients>();
        AddAuthentication(services, configuration);
        services.AddSingleton<CinderPipeline>();
        services.AddSingleton<VersionsApi>();
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<VolumesApi>();
        services.AddSingleton<VolumeActionsApi>();
        services.AddSingleton<VolumeMetadataApi>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<SnapshotOutcomes>();
        services.AddSingleton<SnapshotsApi>();
        services.AddSingleton<SnapshotMetadataApi>();
        services.AddSingleton<VolumeTypeStore>();
        services.AddSingleton<VolumeTypesApi>();
        services.AddSingleton<VolumeTypeEncryptionApi>();
        services.AddSingleton<Groups.GroupTypeStore>();
        services.AddSingleton<Groups.GroupTypesApi>();
        services.AddSingleton<Groups.GroupStore>();
        services.AddSingleton<Groups.GroupsApi>();
        services.AddSingleton<Groups.GroupSnapshotStore>();
        services.AddSingleton<Groups.GroupSnapshotsApi>();
        services.AddSingleton<QuotaLimitStore>();
        services.AddSingleton<QuotasApi>();
        services.AddSingleton<ServicesApi>();
        services.AddSingleton<MessagesApi>();
        services.AddSingleton<PoolsApi>();
        services.AddSingleton<ResourceFiltersApi>();
        services.AddSingleton<ProjectDefaultTypeStore>();
        services.AddSingleton<DefaultTypesApi>();
        services.AddSingleton<AgentApi>();
        services.AddSingleton<QosSpecStore>();
        services.AddSingleton<QosSpecsApi>();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<TransferAcceptance>();
        services.AddSingleton<TransfersApi>();
        services.AddSingleton<ServiceStateStore>();
        services.AddSingleton<ServiceCatalog>();
        services.AddSingleton<HostsApi>();
        services.AddSingleton<CapabilitiesApi>();

        services.AddTransient<ScheduleVolumeActivity>();
        services.AddTransient<DispatchCommandActivity>();
        services.AddTransient<FinishCreateVolumeActivity>();
        services.AddTransient<FinishDeleteVolumeActivity>();
        services.AddTransient<FinishExtendVolumeActivity>();
        services.AddTransient<FinishCreateSnapshotActivity>();
        services.AddTransient<FinishDeleteSnapshotActivity>();
        return services;
    }

    /// <summary>
    /// The transport named by <c>BlockStore:CommandTransport</c>. <c>TryAdd</c>, so a test's own transport or client
    /// registered first wins; the dead-letter watcher exists only where dead letters do.
    /// </summary>
    private static void AddCommandTransport(IServiceCollection services, IConfiguration configuration)
    {
        var transport = configuration.GetSection(ControlPlaneOptions.Section)[nameof(ControlPlaneOptions.CommandTransport)];
        if (string.Equals(transport, ControlPlaneOptions.ServiceBusTransport, StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton(provider => ServiceBusClients.Create(provider.GetRequiredService<IOptions<ControlPlaneOptions>>().Value));
            services.TryAddSingleton<ICommandTransport, ServiceBusCommandTransport>();
            services.AddHostedService<DeadLetterWatcher>();
        }
        else if (string.IsNullOrEmpty(transport) || string.Equals(transport, ControlPlaneOptions.StorageQueueTransport, StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<ICommandTransport, StorageQueueCommandTransport>();
        }
        else
        {
            throw new InvalidOperationException(
                $"{ControlPlaneOptions.Section}:{nameof(ControlPlaneOptions.CommandTransport)} '{transport}' is not a transport: use " +
                $"{ControlPlaneOptions.StorageQueueTransport} (local) or {ControlPlaneOptions.ServiceBusTransport} (Azure).");
        }
    }

    /// <summary>The authenticator named by <c>BlockStore:Auth:Mode</c>.</summary>
    private static void AddAuthentication(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection($"{ControlPlaneOptions.Section}:Auth");
        services.AddOptions<AuthOptions>().Bind(section);
        services.AddSingleton<ApiTokenStore>();
        var mode = section[nameof(AuthOptions.Mode)];
        if (string.IsNullOrEmpty(mode) || string.Equals(mode, AuthOptions.NoAuth, StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<IAuthenticator, NoAuthAuthenticator>();
        }
        else if (string.Equals(mode, AuthOptions.Token, StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<IAuthenticator, TokenAuthenticator>();
        }
        else if (string.Equals(mode, AuthOptions.KeystoneMode, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<TokenAuthenticator>();
            services.AddHttpClient(nameof(KeystoneClient));
            services.AddSingleton<KeystoneClient>();
            services.TryAddSingleton<IAuthenticator, KeystoneAuthenticator>();
        }
        else
        {
            throw new InvalidOperationException($"{ControlPlaneOptions.Section}:Auth:Mode '{mode}' is not a mode: use {AuthOptions.NoAuth}, {AuthOptions.Token} or {AuthOptions.KeystoneMode}.");
        }
    }
}
