namespace BlockStore.Infra.Tests;

/// <summary>The command transport: an Entra ID-only Standard namespace with one session queue (DESIGN.md, agent protocol).</summary>
public sealed class ServiceBusTemplateTests
{
    [Fact]
    public async Task Namespace_Compiled_IsStandardWithLocalAuthDisabled()
    {
        var template = await CompiledTemplate.LoadAsync();

        var ns = template.SingleOf("Microsoft.ServiceBus/namespaces");

        // Sessions and duplicate detection do not exist on Basic.
        Assert.Equal("Standard", ns.Json["sku"]!["name"]!.GetValue<string>());
        Assert.True(ns.Properties["disableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CommandQueue_Compiled_HasSessionsDuplicateDetectionAndDeadLettering()
    {
        var template = await CompiledTemplate.LoadAsync();

        var queue = template.SingleOf("Microsoft.ServiceBus/namespaces/queues");

        Assert.Equal("agent-commands", template.Variable("commandQueueName"));
        Assert.True(queue.Properties["requiresSession"]!.GetValue<bool>());
        Assert.True(queue.Properties["requiresDuplicateDetection"]!.GetValue<bool>());
        Assert.Equal("PT10M", queue.Properties["duplicateDetectionHistoryTimeWindow"]!.GetValue<string>());
        Assert.True(queue.Properties["deadLetteringOnMessageExpiration"]!.GetValue<bool>());
        Assert.Equal(10, queue.Properties["maxDeliveryCount"]!.GetValue<int>());
        Assert.Equal("PT1M", queue.Properties["lockDuration"]!.GetValue<string>());
    }
}
