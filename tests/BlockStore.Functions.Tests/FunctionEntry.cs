using System.Text.Json.Nodes;

namespace BlockStore.Functions.Tests;

/// <summary>One function of functions.metadata: its name and bindings, the trigger being the binding whose type ends in "Trigger".</summary>
public sealed record FunctionEntry(JsonObject Json)
{
    public string Name => Json["name"]!.GetValue<string>();

    public IReadOnlyList<JsonObject> Bindings => [.. Json["bindings"]!.AsArray().Select(binding => binding!.AsObject())];

    public JsonObject? Trigger => Bindings.SingleOrDefault(binding => binding["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));

    public string? Route => Trigger?["route"]?.GetValue<string>();

    public IReadOnlyList<string> Methods => [.. Trigger?["methods"]?.AsArray().Select(method => method!.GetValue<string>()) ?? []];

    public override string ToString() => Name;
}
