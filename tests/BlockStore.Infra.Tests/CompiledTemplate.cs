using System.Text.Json.Nodes;

namespace BlockStore.Infra.Tests;

/// <summary>infra/main.bicep compiled once by the real CLI: the ARM JSON that Azure would receive.</summary>
public sealed class CompiledTemplate
{
    private static readonly Lazy<Task<CompiledTemplate>> Instance = new(() => BuildAsync(CancellationToken.None));

    private CompiledTemplate(string text)
    {
        Text = text;
        Root = JsonNode.Parse(text)!.AsObject();
        Resources = [.. Walk(Root, deployment: "")];
    }

    /// <summary>The template exactly as the CLI printed it.</summary>
    public string Text { get; }

    public JsonObject Root { get; }

    /// <summary>Every declared (not <c>existing</c>) resource, nested deployments included.</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    public JsonObject Outputs => Root["outputs"]!.AsObject();

    public static Task<CompiledTemplate> LoadAsync() => Instance.Value;

    public IReadOnlyList<TemplateResource> OfType(string type) =>
        [.. Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase))];

    public TemplateResource SingleOf(string type)
    {
        var matches = OfType(type);
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>The value main.bicep passes to a module's parameter (a literal, or the expression that computes it).</summary>
    public JsonNode? ModuleParameter(string deployment, string parameter) =>
        Resources.Single(r => r.Type == "Microsoft.Resources/deployments" && r.Name == deployment)
            .Json["properties"]!["parameters"]![parameter]!["value"];

    public string Variable(string name) => Root["variables"]![name]!.GetValue<string>();

    private static async Task<CompiledTemplate> BuildAsync(CancellationToken cancellationToken)
    {
        var result = await BicepCli.RunAsync(["build", BicepCli.MainTemplate, "--stdout"], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed: {result}");
        }

        return new CompiledTemplate(result.StandardOutput);
    }

    private static IEnumerable<TemplateResource> Walk(JsonObject template, string deployment)
    {
        // languageVersion 2.0 keeps resources in an object keyed by symbolic name, 1.0 in an array.
        var resources = template["resources"] switch
        {
            JsonObject byName => byName.Select(pair => pair.Value),
            JsonArray list => list,
            _ => [],
        };
        foreach (var node in resources)
        {
            var resource = node!.AsObject();
            if (resource["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            var item = new TemplateResource(resource["type"]!.GetValue<string>(), resource["name"]!.GetValue<string>(), deployment, resource, template);
            yield return item;
            if (item.Type == "Microsoft.Resources/deployments")
            {
                foreach (var nested in Walk(resource["properties"]!["template"]!.AsObject(), item.Name))
                {
                    yield return nested;
                }
            }
        }
    }
}
