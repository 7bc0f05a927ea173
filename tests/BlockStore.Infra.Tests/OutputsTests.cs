using System.Text.RegularExpressions;

namespace BlockStore.Infra.Tests;

/// <summary>The outputs azd writes into the environment: what the API's users and the on-prem agents are configured from.</summary>
public sealed partial class OutputsTests
{
    [Fact]
    public async Task Outputs_Compiled_IncludeEverythingAnAgentNeeds()
    {
        var template = await CompiledTemplate.LoadAsync();

        string[] required =
        [
            "AZURE_LOCATION",
            "AZURE_TENANT_ID",
            "AZURE_RESOURCE_GROUP",
            "AZURE_CLIENT_ID",
            "BLOCKSTORE_API_URL",
            "AZURE_STORAGE_ACCOUNT_NAME",
            "AZURE_STORAGE_QUEUE_ENDPOINT",
            "SERVICE_BUS_NAMESPACE",
            "SERVICE_BUS_FULLY_QUALIFIED_NAMESPACE",
            "SERVICE_BUS_QUEUE_NAME",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
        ];
        Assert.All(required, name => Assert.True(template.Outputs.ContainsKey(name), $"output {name} missing"));
        Assert.All(template.Outputs, output => Assert.Matches(UpperSnake(), output.Key));
    }

    [Fact]
    public async Task ApiUrl_Compiled_IsHttps()
    {
        var template = await CompiledTemplate.LoadAsync();

        var module = template.Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == "functionapp");

        var url = module.Json["properties"]!["template"]!["outputs"]!["url"]!["value"]!.GetValue<string>();

        Assert.StartsWith("[format('https://{0}', ", url, StringComparison.Ordinal);
        Assert.Contains(".defaultHostName)]", url, StringComparison.Ordinal);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();
}
