using BlockStore.Core.Errors;

namespace BlockStore.Core.Qos;

/// <summary>
/// A named set of QoS limits (Cinder's qos_specs), global to the deployment, applied to volumes through the volume
/// types associated with it. The consumer is kept apart from the key/value specs, as Cinder shows it.
/// </summary>
public sealed record QosSpec
{
    /// <summary>The key that, in a create or set body, names the consumer rather than a spec.</summary>
    public const string ConsumerKey = "consumer";

    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string Consumer { get; init; } = QosConsumer.Default;
    public IReadOnlyDictionary<string, string> Specs { get; init; } = new Dictionary<string, string>();
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Cinder's set keys: <c>consumer</c> changes the consumer, every other key is added or overwritten.</summary>
    public QosSpec WithKeys(IReadOnlyDictionary<string, string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var specs = new Dictionary<string, string>(Specs, StringComparer.Ordinal);
        var consumer = Consumer;
        foreach (var (key, value) in keys)
        {
            if (key == ConsumerKey)
            {
                consumer = QosConsumer.Parse(value);
            }
            else
            {
                specs[key] = value;
            }
        }

        return this with { Consumer = consumer, Specs = specs };
    }

    /// <summary>
    /// Removes the keys, all or none: an unknown key is Cinder's 404 and nothing changes (Cinder itself removes the keys
    /// before the first unknown one; a failed request that changed something is what the brief rules out).
    /// </summary>
    public QosSpec WithoutKeys(IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.FirstOrDefault(key => !Specs.ContainsKey(key)) is { } missing)
        {
            throw new NotFoundException($"QoS spec {Id:D} has no spec with key {missing}.");
        }

        return this with { Specs = Specs.Where(pair => !keys.Contains(pair.Key)).ToDictionary(StringComparer.Ordinal) };
    }

    public static NotFoundException NotFound(string id) => new($"No such QoS spec {id}.");
}
