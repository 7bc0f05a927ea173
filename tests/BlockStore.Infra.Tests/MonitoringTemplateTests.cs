namespace BlockStore.Infra.Tests;

/// <summary>Telemetry: workspace-based Application Insights that accepts only Entra ID-authenticated ingestion.</summary>
public sealed class MonitoringTemplateTests
{
    [Fact]
    public async Task ApplicationInsights_Compiled_IsWorkspaceBasedWithLocalAuthDisabled()
    {
        var template = await CompiledTemplate.LoadAsync();

        var component = template.SingleOf("Microsoft.Insights/components");
        template.SingleOf("Microsoft.OperationalInsights/workspaces");

        Assert.True(component.Properties["DisableLocalAuth"]!.GetValue<bool>());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", component.Properties["WorkspaceResourceId"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
