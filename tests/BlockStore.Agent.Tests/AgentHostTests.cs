using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlockStore.Agent.Tests;

public sealed class AgentHostTests
{
    [Fact]
    public void CreateBuilder_NoBackends_FailsNamingTheMissingSetting()
    {
        using var host = AgentHost.CreateBuilder([]).Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AgentOptions>>().Value);

        Assert.Contains("No backends are configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBuilder_UnknownDriverAndNoDataDirectory_FailsNamingEachMistake()
    {
        using var host = AgentHost.CreateBuilder(
        [
            "--Agent:Backends:0:Name=nas", "--Agent:Backends:0:Driver=nfs",
            "--Agent:Backends:1:Name=files", "--Agent:Backends:1:Driver=file",
        ]).Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AgentOptions>>().Value);

        Assert.Contains("Agent:Backends:0:Driver 'nfs' is not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("Agent:Backends:1:DataDirectory is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBuilder_BackendFromArguments_BindsDefaultsAndBackend()
    {
        using var host = AgentHost.CreateBuilder(
        [
            "--Agent:HostName=node1", "--Agent:Backends:0:Name=file", "--Agent:Backends:0:Driver=file",
            "--Agent:Backends:0:DataDirectory=/tmp/x", "--Agent:Backends:0:CapacityGib=12.5",
        ]).Build();

        var options = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;

        Assert.Equal("http://127.0.0.1:8776", options.ControlPlaneUrl);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ReportInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.MaxPollInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), options.VisibilityTimeout);
        var backend = Assert.Single(options.Backends);
        Assert.Equal(("file", "nova", 12.5, 0), (backend.EffectivePoolName, backend.AvailabilityZone, backend.CapacityGib, backend.ReservedPercentage));
    }

    [Fact]
    public void CreateBuilder_ServiceBusWithoutNamespace_FailsNamingTheSettings()
    {
        using var host = AgentHost.CreateBuilder(
        [
            "--Agent:Transport=ServiceBus", "--Agent:Backends:0:Name=file", "--Agent:Backends:0:Driver=file", "--Agent:Backends:0:DataDirectory=/tmp/x",
        ]).Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AgentOptions>>().Value);

        Assert.Contains("set Agent:ServiceBusNamespace (with an Entra ID identity) or Agent:ServiceBusConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBuilder_UnknownTransport_FailsNamingTheChoices()
    {
        using var host = AgentHost.CreateBuilder(
        [
            "--Agent:Transport=Kafka", "--Agent:Backends:0:Name=file", "--Agent:Backends:0:Driver=file", "--Agent:Backends:0:DataDirectory=/tmp/x",
        ]).Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AgentOptions>>().Value);

        Assert.Contains("Agent:Transport 'Kafka' is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateBuilder_ServiceBusByNamespace_ReceivesFromServiceBusWithTenMinuteLockRenewal()
    {
        using var host = AgentHost.CreateBuilder(
        [
            "--Agent:Transport=ServiceBus", "--Agent:ServiceBusNamespace=sb-test.servicebus.windows.net",
            "--Agent:Backends:0:Name=file", "--Agent:Backends:0:Driver=file", "--Agent:Backends:0:DataDirectory=/tmp/x",
        ]).Build();

        var options = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
        var hosted = host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ToList();

        Assert.Equal(("agent-commands", TimeSpan.FromMinutes(10)), (options.ServiceBusQueueName, options.MaxAutoLockRenewalDuration));
        Assert.Contains(hosted, s => s is BlockStore.Agent.Commands.ServiceBusCommandReceiver);
        Assert.DoesNotContain(hosted, s => s is BlockStore.Agent.Commands.CommandReceiver);
        Assert.Equal("sb-test.servicebus.windows.net", host.Services.GetRequiredService<Azure.Messaging.ServiceBus.ServiceBusClient>().FullyQualifiedNamespace);
    }
}
