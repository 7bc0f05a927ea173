using System.Text.Json.Nodes;
using BlockStore.Testing;

namespace BlockStore.Functions.Tests;

/// <summary>The app runs with the repository's root host.json, whose settings make the routes Cinder's.</summary>
public sealed class HostJsonTests
{
    private static readonly string OutputHostJson = Path.Combine(FunctionsApp.OutputDirectory, "host.json");

    [Fact]
    public void HostJson_InOutput_IsTheRootOne()
    {
        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("host.json")), File.ReadAllText(OutputHostJson));
    }

    [Fact]
    public void HostJson_RoutePrefix_IsEmpty()
    {
        // Functions' default prefix "api" would put the API at /api/v3/..., where no Cinder client looks.
        var host = JsonNode.Parse(File.ReadAllText(OutputHostJson))!;
        Assert.Equal("2.0", host["version"]?.GetValue<string>());
        Assert.Equal("", host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>());
    }
}
