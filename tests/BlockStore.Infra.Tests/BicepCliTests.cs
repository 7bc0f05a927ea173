using BlockStore.Testing;

namespace BlockStore.Infra.Tests;

/// <summary>infra/ as CI sees it: the real Bicep CLI builds and lints it with nothing to report.</summary>
public sealed class BicepCliTests
{
    [Fact]
    public async Task Build_MainTemplate_SucceedsWithoutWarnings()
    {
        var result = await BicepCli.RunAsync(["build", BicepCli.MainTemplate, "--stdout"], CancellationToken.None);

        Assert.True(result.ExitCode == 0, result.ToString());
        // With --stdout the template goes to stdout and every diagnostic (warning or info) to stderr.
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.ToString());
        Assert.StartsWith("{", result.StandardOutput.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_MainTemplate_ReportsNothing()
    {
        var result = await BicepCli.RunAsync(["lint", BicepCli.MainTemplate], CancellationToken.None);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(string.IsNullOrWhiteSpace(result.StandardOutput) && string.IsNullOrWhiteSpace(result.StandardError), result.ToString());
    }

    [Fact]
    public async Task Lint_TemplateBreakingTheRules_FailsWithEachRuleAsError()
    {
        // Proves infra/bicepconfig.json is live (a misspelt rule name is silently ignored by the CLI): a template
        // breaking the rules that matter most must fail lint with each of them at error level.
        var directory = Directory.CreateTempSubdirectory("blockstore-bicep-lint-");
        try
        {
            File.Copy(RepositoryPaths.Combine("infra", "bicepconfig.json"), Path.Combine(directory.FullName, "bicepconfig.json"));
            var template = Path.Combine(directory.FullName, "bad.bicep");
            await File.WriteAllTextAsync(
                template,
                """
                param unused string
                param adminPassword string = 'not-secure'
                param name string
                var managementUrl = 'https://management.azure.com/'
                resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
                  name: concat('st', name)
                  location: 'westeurope'
                  kind: 'StorageV2'
                  sku: {
                    name: 'Standard_LRS'
                  }
                }
                output key string = storage.listKeys().keys[0].value
                output url string = managementUrl
                output password string = adminPassword

                """,
                CancellationToken.None);

            var result = await BicepCli.RunAsync(["lint", template], CancellationToken.None);

            Assert.NotEqual(0, result.ExitCode);
            string[] rules =
            [
                "no-unused-params",
                "secure-secrets-in-params",
                "no-hardcoded-env-urls",
                "prefer-interpolation",
                "no-hardcoded-location",
                "outputs-should-not-contain-secrets",
            ];
            foreach (var rule in rules)
            {
                Assert.True(result.StandardOutput.Contains($"Error {rule}:", StringComparison.Ordinal) || result.StandardError.Contains($"Error {rule}:", StringComparison.Ordinal), $"{rule} not reported as an error:{Environment.NewLine}{result}");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
