using DurableTask.Core.Serializing;
using SdkJson = Microsoft.DurableTask.Converters.JsonDataConverter;

namespace BlockStore.Server;

/// <summary>
/// Lets the Durable Task Framework's client serialize the way the SDK's shims deserialize (System.Text.Json),
/// so orchestration inputs and event payloads round-trip. The SDK's own adapter is internal.
/// </summary>
internal sealed class SdkDataConverter : DataConverter
{
    public override string? Serialize(object? value) => SdkJson.Default.Serialize(value);

    public override string? Serialize(object? value, bool formatted) => SdkJson.Default.Serialize(value);

    public override object? Deserialize(string? data, Type objectType) => SdkJson.Default.Deserialize(data, objectType);
}
