using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlockStore.Core.Agents;

/// <summary>The wire format and the control plane's paths for agents; both sides use these, nothing else.</summary>
public static class AgentProtocol
{
    public const string RepliesPath = "/agent/v1/replies";
    public const string CapacityPath = "/agent/v1/capacity";

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
