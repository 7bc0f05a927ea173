using BlockStore.Core.Errors;

namespace BlockStore.Core.Qos;

/// <summary>Where a QoS spec is enforced: by the storage back end, by the hypervisor (front end), or both (Cinder's three values).</summary>
public static class QosConsumer
{
    public const string FrontEnd = "front-end";
    public const string BackEnd = "back-end";
    public const string Both = "both";

    /// <summary>Cinder's default when a create names no consumer: the volume service enforces it.</summary>
    public const string Default = BackEnd;

    public static IReadOnlyList<string> All { get; } = [FrontEnd, BackEnd, Both];

    /// <summary>The consumer itself, or Cinder's 400 that lists the valid ones.</summary>
    public static string Parse(string value) =>
        All.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new BadRequestException($"Invalid qos specs: Valid consumer of QoS specs are: ['{FrontEnd}', '{BackEnd}', '{Both}']");
}
