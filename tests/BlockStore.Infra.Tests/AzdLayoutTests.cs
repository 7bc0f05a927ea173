using System.Text.Json.Nodes;
using BlockStore.Testing;

namespace BlockStore.Infra.Tests;

/// <summary>The azd wiring around the template: azure.yaml and main.parameters.json.</summary>
public sealed class AzdLayoutTests
{
    [Fact]
    public async Task Parameters_File_FillsEveryTemplateParameterFromTheAzdEnvironment()
    {
        var template = await CompiledTemplate.LoadAsync();
        var file = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Combine("infra", "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.Equal("${AZURE_ENV_NAME}", file["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal("${AZURE_LOCATION}", file["location"]!["value"]!.GetValue<string>());
        Assert.Equal("${AZURE_PRINCIPAL_ID}", file["principalId"]!["value"]!.GetValue<string>());
        var declared = template.Root["parameters"]!.AsObject();
        Assert.All(file, parameter => Assert.True(declared.ContainsKey(parameter.Key), $"{parameter.Key} is not a parameter of main.bicep"));
        Assert.All(
            declared.Where(parameter => parameter.Value!["defaultValue"] is null),
            parameter => Assert.True(file.ContainsKey(parameter.Key), $"required parameter {parameter.Key} has no value in main.parameters.json"));
    }

    [Fact]
    public void AzureYaml_File_DeploysTheFunctionsProjectWithTheBicepInfra()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("azure.yaml")).Select(line => line.Trim()).ToList();

        Assert.Contains("name: blockstore", lines);
        Assert.Contains("provider: bicep", lines);
        Assert.Contains("path: infra", lines);
        Assert.Contains("project: src/BlockStore.Functions", lines);
        Assert.Contains("language: dotnet", lines);
        Assert.Contains("host: function", lines);
        Assert.True(File.Exists(RepositoryPaths.Combine("src", "BlockStore.Functions", "BlockStore.Functions.csproj")));
    }
}
