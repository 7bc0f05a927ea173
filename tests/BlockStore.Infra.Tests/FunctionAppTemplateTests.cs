using System.Text.Json.Nodes;

namespace BlockStore.Infra.Tests;

/// <summary>The Functions app on Flex Consumption, and settings that hold no secret.</summary>
public sealed class FunctionAppTemplateTests
{
    [Fact]
    public async Task Plan_Compiled_IsLinuxFlexConsumption()
    {
        var template = await CompiledTemplate.LoadAsync();

        var plan = template.SingleOf("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Json["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Json["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan.Properties["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Site_Compiled_RunsDotnetIsolated10AsTheAzdApiService()
    {
        var template = await CompiledTemplate.LoadAsync();

        var site = template.SingleOf("Microsoft.Web/sites");
        var config = site.Properties["functionAppConfig"]!;

        Assert.Equal("functionapp,linux", site.Json["kind"]!.GetValue<string>());
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        Assert.Equal(100, site.Resolve(config["scaleAndConcurrency"]!["maximumInstanceCount"])!.GetValue<int>());
        Assert.Equal(2048, site.Resolve(config["scaleAndConcurrency"]!["instanceMemoryMB"])!.GetValue<int>());
        Assert.Equal("UserAssignedIdentity", config["deployment"]!["storage"]!["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal("UserAssigned", site.Json["identity"]!["type"]!.GetValue<string>());
        // azd deploys the `api` service of azure.yaml to the site carrying this tag.
        Assert.Contains("createObject('azd-service-name', 'api')", site.Json["tags"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Site_Compiled_AcceptsOnlyHttpsTls12AndNoFtpOrBasicAuth()
    {
        var template = await CompiledTemplate.LoadAsync();

        var site = template.SingleOf("Microsoft.Web/sites");
        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies");

        Assert.True(site.Properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", site.Properties["siteConfig"]!["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", site.Properties["siteConfig"]!["ftpsState"]!.GetValue<string>());
        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False(policy.Properties["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task AppSettings_Compiled_DisableTheHomepageAndConnectThroughTheIdentity()
    {
        var settings = await AppSettingsAsync();

        // The Cinder version document is served at `/` only when the host's home page is off (HOSTING.md).
        Assert.Equal("true", settings["AzureWebJobsDisableHomepage"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", settings["ServiceBusConnection__credential"]);
        Assert.Contains("Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        string[] required =
        [
            "AzureWebJobsStorage__accountName",
            "AzureWebJobsStorage__clientId",
            "ServiceBusConnection__fullyQualifiedNamespace",
            "ServiceBusConnection__clientId",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "BlockStore__StorageAccountName",
            "BlockStore__ManagedIdentityClientId",
        ];
        Assert.All(required, name => Assert.True(settings.ContainsKey(name), $"{name} missing"));
    }

    [Fact]
    public async Task AppSettings_Compiled_HoldNoKeyOrConnectionStringSecret()
    {
        var settings = await AppSettingsAsync();

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain("BlockStore__StorageConnectionString", settings.Keys);
        // Flex Consumption takes these from functionAppConfig and rejects them as settings.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        foreach (var (name, value) in settings)
        {
            Assert.DoesNotContain("AccountKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey=", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys(", value, StringComparison.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrEmpty(value), $"{name} is empty");
        }
    }

    [Fact]
    public async Task Template_Compiled_ReadsNoKeyAnywhere()
    {
        var template = await CompiledTemplate.LoadAsync();

        Assert.DoesNotContain("listKeys(", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listConnectionStrings(", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey=", template.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<Dictionary<string, string>> AppSettingsAsync()
    {
        var template = await CompiledTemplate.LoadAsync();
        var config = template.OfType("Microsoft.Web/sites/config").Single(c => c.Name.Contains("'appsettings'", StringComparison.Ordinal));
        return config.Properties.AsObject().ToDictionary(pair => pair.Key, pair => pair.Value is JsonValue value ? value.GetValue<string>() : pair.Value!.ToJsonString());
    }
}
