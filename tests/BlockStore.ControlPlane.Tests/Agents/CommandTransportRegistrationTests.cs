using Azure.Messaging.ServiceBus;
using BlockStore.ControlPlane.Agents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BlockStore.ControlPlane.Tests.Agents;

/// <summary>The command transport is chosen by <c>BlockStore:CommandTransport</c>: Storage queues unless Service Bus is asked for.</summary>
public sealed class CommandTransportRegistrationTests
{
    [Fact]
    public async Task AddBlockStoreControlPlane_NoTransportSetting_SendsOnStorageQueuesWithoutDeadLetterWatcher()
    {
        await using var services = Build([]);

        Assert.IsType<StorageQueueCommandTransport>(services.GetRequiredService<ICommandTransport>());
        Assert.DoesNotContain(services.GetServices<IHostedService>(), s => s is DeadLetterWatcher);
    }

    [Fact]
    public async Task AddBlockStoreControlPlane_ServiceBusByConnectionString_SendsOnServiceBusAndWatchesDeadLetters()
    {
        await using var services = Build(new()
        {
            ["BlockStore:CommandTransport"] = "ServiceBus",
            ["BlockStore:ServiceBusConnectionString"] = "Endpoint=sb://in-memory.invalid/;SharedAccessKeyName=test;SharedAccessKey=test",
        });

        Assert.IsType<ServiceBusCommandTransport>(services.GetRequiredService<ICommandTransport>());
        Assert.Equal("in-memory.invalid", services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
        Assert.Contains(services.GetServices<IHostedService>(), s => s is DeadLetterWatcher);
    }

    [Fact]
    public async Task AddBlockStoreControlPlane_ServiceBusByNamespace_UsesTheManagedIdentity()
    {
        await using var services = Build(new()
        {
            ["BlockStore:CommandTransport"] = "ServiceBus",
            ["BlockStore:ServiceBusNamespace"] = "sb-test.servicebus.windows.net",
            ["BlockStore:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal("sb-test.servicebus.windows.net", services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
    }

    [Fact]
    public async Task AddBlockStoreControlPlane_ServiceBusWithoutNamespace_FailsNamingBothSettings()
    {
        await using var services = Build(new() { ["BlockStore:CommandTransport"] = "ServiceBus" });

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ICommandTransport>());

        Assert.Contains("BlockStore:ServiceBusNamespace", error.Message, StringComparison.Ordinal);
        Assert.Contains("BlockStore:ServiceBusConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddBlockStoreControlPlane_UnknownTransport_FailsNamingTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(new() { ["BlockStore:CommandTransport"] = "Carrier pigeon" }));

        Assert.Contains("'Carrier pigeon' is not a transport", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddBlockStoreControlPlane_TransportRegisteredFirst_IsKept()
    {
        var own = new Moq.Mock<ICommandTransport>().Object;
        await using var services = Build(new() { ["BlockStore:CommandTransport"] = "ServiceBus" }, s => s.AddSingleton(own));

        Assert.Same(own, services.GetRequiredService<ICommandTransport>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.ClearProviders());
        before?.Invoke(services);
        services.AddBlockStoreControlPlane(configuration);
        return services.BuildServiceProvider();
    }
}
