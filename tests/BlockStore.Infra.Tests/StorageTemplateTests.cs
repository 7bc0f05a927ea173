namespace BlockStore.Infra.Tests;

/// <summary>The storage account: keyless, TLS 1.2, HTTPS only, nothing public.</summary>
public sealed class StorageTemplateTests
{
    [Fact]
    public async Task StorageAccount_Compiled_AllowsNoSharedKeyNoPublicBlobsAndOnlyHttpsTls12()
    {
        var template = await CompiledTemplate.LoadAsync();

        var storage = template.SingleOf("Microsoft.Storage/storageAccounts");

        Assert.Equal("StorageV2", storage.Json["kind"]!.GetValue<string>());
        Assert.False(storage.Properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage.Properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.True(storage.Properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage.Properties["minimumTlsVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeploymentContainer_Compiled_IsPrivate()
    {
        var template = await CompiledTemplate.LoadAsync();

        var container = template.SingleOf("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("None", container.Properties["publicAccess"]!.GetValue<string>());
    }
}
