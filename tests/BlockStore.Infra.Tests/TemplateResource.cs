using System.Text.Json.Nodes;

namespace BlockStore.Infra.Tests;

/// <summary>One resource of the compiled template and where it is declared.</summary>
/// <param name="Deployment">The nested deployment (module) that declares it; empty for main.bicep itself.</param>
/// <param name="Template">The (nested) template that declares it, for its parameters' defaults.</param>
public sealed record TemplateResource(string Type, string Name, string Deployment, JsonObject Json, JsonObject Template)
{
    public JsonNode Properties => Json["properties"]!;

    /// <summary>A property's value; a parameter reference resolves to that parameter's default.</summary>
    public JsonNode? Resolve(JsonNode? value)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var s) && s.StartsWith("[parameters('", StringComparison.Ordinal) && s.EndsWith("')]", StringComparison.Ordinal))
        {
            var name = s["[parameters('".Length..^"')]".Length];
            return Template["parameters"]![name]!["defaultValue"];
        }

        return value;
    }
}
