using System.Reflection;
using System.Text.Json.Nodes;
using BlockStore.Testing;

namespace BlockStore.Functions.Tests;

/// <summary>The built Functions app as the Functions host would load it: its output folder and its functions.metadata.</summary>
public static class FunctionsApp
{
    public static string OutputDirectory { get; } = RepositoryPaths.Combine(
        typeof(FunctionsApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsOutput").Value!
            .Split('/'));

    public static IReadOnlyList<FunctionEntry> Functions { get; } = Load();

    public static IEnumerable<FunctionEntry> WithTrigger(string type) =>
        Functions.Where(function => function.Trigger?["type"]?.GetValue<string>() == type);

    private static List<FunctionEntry> Load()
    {
        var path = Path.Combine(OutputDirectory, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} not found: build src/BlockStore.Functions in this configuration first.");
        }

        return [.. JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(node => new FunctionEntry(node!.AsObject()))];
    }
}
