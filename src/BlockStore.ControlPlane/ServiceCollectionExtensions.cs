using BlockStore.ControlPlane.Agents;
using BlockStore.ControlPlane.Auth;
using BlockStore.ControlPlane.Http;
using BlockStore.ControlPlane.Idempotency;
using BlockStore.ControlPlane.Pools;
using BlockStore.ControlPlane.Quotas;
using BlockStore.ControlPlane.Services;
using BlockStore.ControlPlane.Snapshots;
using BlockStore.ControlPlane.Storage;
using BlockStore.ControlPlane.Types;
using BlockStore.ControlPlane.Volumes;
using BlockStore.ControlPlane.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddSingleton<PoolStore>();
        services.TryAddSingleton<ICommandTransport, StorageQueueCommandTransport>();
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
        services.AddSingleton<VolumeTypeStore>();
        services.AddSingleton<VolumeTypesApi>();
        services.AddSingleton<QuotaLimitStore>();
        services.AddSingleton<QuotasApi>();
        services.AddSingleton<ServicesApi>();
        services.AddSingleton<PoolsApi>();
        services.AddSingleton<AgentApi>();

        services.AddTransient<ScheduleVolumeActivity>();
        services.AddTransient<DispatchCommandActivity>();
        services.AddTransient<FinishCreateVolumeActivity>();
        services.AddTransient<FinishDeleteVolumeActivity>();
        services.AddTransient<FinishExtendVolumeActivity>();
        services.AddTransient<FinishCreateSnapshotActivity>();
        services.AddTransient<FinishDeleteSnapshotActivity>();
        return services;
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
        else
        {
            throw new InvalidOperationException($"{ControlPlaneOptions.Section}:Auth:Mode '{mode}' is not a mode: use {AuthOptions.NoAuth} or {AuthOptions.Token}.");
        }
    }
}
